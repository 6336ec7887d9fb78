"""Loading the demo plan into the database through the same validation as the forms.

Organizations go through `organizations.services.apply_decision`, one call per decision of the plan, in date
order (a decision that founds a committee and cells under it is two calls with the same number, because a
new organization can be named as a parent only once it exists). Members go through
`members.bulk.bulk_create_members`: every ledger is replayed by `ledger.replay()` against the finished
tree, and no stretch of membership may outlive its organization — the check `apply_decision` makes when an
organization ends, made here once the members exist. One transaction: all or nothing.
"""

import time
from dataclasses import dataclass

from django.db import transaction

from dangvu.core.context import acting
from dangvu.members.bulk import bulk_create_members
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import OrganizationEventKind
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .history import ROOT, ChangeSpec, EndSpec, FoundSpec
from .plan import DemoPlan, make_plan


@dataclass
class LoadResult:
    organizations: int
    members: int
    events: int
    seconds: float
    root: Organization


def _changes(decision, orgs: dict[str, Organization]) -> list:
    changes = []
    for change in decision.changes:
        if isinstance(change, FoundSpec):
            changes.append(
                org_services.Found(
                    code=change.code,
                    name=change.name,
                    kind=change.kind,
                    sector=change.sector,
                    parent=orgs[change.parent] if change.parent else None,
                    enterprise_kind=change.enterprise_kind,
                    external_parent=change.external_parent,
                    is_core_cell=change.is_core_cell,
                    event_kind=OrganizationEventKind.RECEIVED
                    if change.received
                    else OrganizationEventKind.FOUNDED,
                )
            )
        elif isinstance(change, ChangeSpec):
            changes.append(
                org_services.Change(
                    orgs[change.code],
                    change.event_kind,
                    name=change.name,
                    org_kind=change.org_kind,
                    parent=orgs[change.parent] if change.parent else None,
                    parent_changed=change.parent_changed,
                    external_parent=change.external_parent,
                )
            )
        elif isinstance(change, EndSpec):
            changes.append(
                org_services.Change(
                    orgs[change.code], change.event_kind, related=orgs[change.into] if change.into else None
                )
            )
    return changes


def _records(plan: DemoPlan, orgs: dict[str, Organization]) -> list[dict]:
    ids = {code: org.pk for code, org in orgs.items()}
    records = []
    for member in plan.members:
        events = []
        for event in member["events"]:
            event = dict(event)
            for name in ("organization", "to_organization"):
                if event.get(name) is not None:
                    event[name] = ids[event[name]]
            events.append(event)
        records.append({**member, "events": events})
    return records


@transaction.atomic
def load_demo(plan: DemoPlan | None = None, *, acting_user=None) -> LoadResult:
    """Load the demo into an empty database (the caller checks that it is empty)."""
    started = time.monotonic()
    plan = plan or make_plan()
    orgs: dict[str, Organization] = {}
    with acting(acting_user, source="demo"):
        for decision in plan.decisions:
            events = org_services.apply_decision(
                decision.date,
                decision.number,
                _changes(decision, orgs),
                acting_user=acting_user,
                note=decision.note,
            )
            for event in events:
                orgs[event.organization.code] = event.organization
        records = _records(plan, orgs)
        bulk_create_members(records, acting_user=acting_user, history=History.load())
    return LoadResult(
        organizations=len(orgs),
        members=len(records),
        events=sum(len(r["events"]) for r in records),
        seconds=time.monotonic() - started,
        root=orgs[ROOT],
    )
