"""Exports in the import template: the member list and the organization list export their current view this
way (`dangvu.web.lists`), the import page and `dangvu export` export everything in the user's scope. An
exported file with the personal data in full imports back unchanged (the round trip).

Personal data — national ID, date of birth, phone, home province — are masked in the member list's plain
export, as the list masks them (issue "access"); the list's "full data" export, the import page's export of
everything and `dangvu export` write them in full for the members the user may reveal (`members.reveal`,
in scope), masked for the others. A masked file does not import back: its masked cells are refused. Every
export is recorded in the audit trail with what it held (the view, the rows, personal data full or masked).
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import scope_org_ids, visible_members, visible_organizations
from dangvu.core import audit
from dangvu.core.dates import format_vn_date, today
from dangvu.core.exports import XLSX_MIME
from dangvu.core.models import AuditKind
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .template import event_rows, member_rows, organization_rows, write_workbook

PERSONAL_FIELDS = ["national_id", "birth_date", "phone", "home_province"]


def _revealer(user):
    """`revealed(batch)` for the row writers: the ids of the batch whose personal data the user may see."""
    if user is None:
        return None
    scope = scope_org_ids(user, Perm.MEMBERS_REVEAL)
    if scope is None:
        return None
    if not scope:
        return lambda batch: set()

    def revealed(batch):
        ids = [m.pk for m in batch]
        return set(
            MembershipPeriod.objects.filter(
                member_id__in=ids, is_latest=True, organization_id__in=sorted(scope)
            ).values_list("member_id", flat=True)
        )

    return revealed


def _with_ancestors(org_ids: set[int], allowed=None) -> list[Organization]:
    """The organizations and every organization above them (their latest parents), that the user may see."""
    parents = dict(Organization.objects.values_list("pk", "parent_id"))
    found = set()
    for org_id in org_ids:
        cursor = org_id
        while cursor is not None and cursor not in found:
            found.add(cursor)
            cursor = parents.get(cursor)
    queryset = Organization.objects.filter(pk__in=sorted(found))
    if allowed is not None:
        queryset = queryset & allowed
    return _tree_order(list(queryset))


def _tree_order(orgs: list[Organization]) -> list[Organization]:
    """Parents before their children (the importer founds them in this order anyway; people read it so)."""
    by_id = {org.pk: org for org in orgs}

    def depth(org):
        level, cursor, seen = 0, org.parent_id, set()
        while cursor in by_id and cursor not in seen:
            seen.add(cursor)
            level += 1
            cursor = by_id[cursor].parent_id
        return level

    return sorted(orgs, key=lambda org: (depth(org), org.founded_on, org.code))


def _referenced_orgs(members: list[Member]) -> set[int]:
    ids = set()
    member_ids = [m.pk for m in members]
    for start in range(0, len(member_ids), 1000):
        batch = member_ids[start : start + 1000]
        for org_id, to_org_id in MembershipEvent.objects.filter(
            member_id__in=batch, voided_at__isnull=True
        ).values_list("organization_id", "to_organization_id"):
            ids.update(i for i in (org_id, to_org_id) if i is not None)
    return ids


def _record(
    user, title: str, *, rows: int, members: int, organizations: int, events: int, personal: str, extra=None
):
    """The export in the audit trail: what it held (the view, the rows, personal data in full or masked)."""
    audit.record(
        AuditKind.EXPORT,
        object_type="transfer.Template",
        object_repr=_("%(title)s: %(n)s dòng") % {"title": title, "n": rows},
        after={
            "title": title,
            "members": members,
            "organizations": organizations,
            "events": events,
            "personal_data": personal,
            "fields": PERSONAL_FIELDS,
            **(extra or {}),
        },
        acting_user=user,
    )


class _Counter:
    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _personal(user, full: bool = True) -> str:
    """How the export writes personal data, for the audit trail."""
    if not full:
        return "masked"
    if user is None:
        return "full"
    scope = scope_org_ids(user, Perm.MEMBERS_REVEAL)
    return "full" if scope is None else ("full_in_scope" if scope else "masked")


def export_workbook(
    members, organizations, *, user=None, full=True, active="members", organization_extra=None, extra=None
):
    """The template holding `members` (an iterable of Member, with their ledgers) and `organizations`;
    returns (bytes, counts). `full`: personal data in full where the user may reveal them (else masked)."""
    members = list(members)
    revealed = _revealer(user) if full else (lambda batch: set())
    orgs = _Counter(organization_rows(organizations, extra=extra))
    people = _Counter(member_rows(members, revealed=revealed))
    ledger = _Counter(event_rows(members, revealed=revealed))
    content = write_workbook(orgs, people, ledger, organization_extra=organization_extra, active=active)
    return content, {"organizations": orgs.count, "members": people.count, "events": ledger.count}


def full_export(*, user=None, org: Organization | None = None) -> tuple[bytes, dict]:
    """Everything (in the user's scope; under `org` when given): organizations ever, members ever, ledgers."""
    organizations = visible_organizations(user) if user is not None else Organization.objects.all()
    members = visible_members(user) if user is not None else Member.objects.all()
    if org is not None:
        history = History.load()
        ids = history.ever_under(org.pk, today())
        organizations = organizations.filter(pk__in=sorted(ids))
        members = members.filter(
            pk__in=MembershipPeriod.objects.filter(is_latest=True, organization_id__in=sorted(ids)).values(
                "member_id"
            )
        )
    content, counts = export_workbook(
        members.order_by("sort_key", "pk"), _tree_order(list(organizations)), user=user, active="members"
    )
    _record(
        user,
        _("Toàn bộ dữ liệu") + (f" {org.code}" if org else ""),
        rows=counts["members"],
        personal=_personal(user),
        **counts,
    )
    return content, counts


def attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def member_list_export(view, *, full: bool = False) -> HttpResponse:
    """The member list's current view (search, filters, sort; every page) in the template: the members, their
    ledgers, and the organizations these name with the ones above them. Personal data are masked as the list
    masks them, unless `full` — the explicit export with personal data, for those who may reveal them, which
    is the file that imports back."""
    user = view.request.user
    members = list(view.objects().iterator(chunk_size=2000))
    organizations = _with_ancestors(_referenced_orgs(members), allowed=visible_organizations(user))
    content, counts = export_workbook(members, organizations, user=user, full=full, active="members")
    _record(
        user,
        str(view.export_title),
        rows=counts["members"],
        personal=_personal(user, full),
        extra=_view_parameters(view),
        **counts,
    )
    return attachment(content, view.export_filename + ("-day-du" if full else ""))


def organization_list_export(view) -> HttpResponse:
    """The organization list's current view in the template, with the members (everything under) on the
    view's date beside each row (a column the importer does not read)."""
    user = view.request.user
    organizations = list(view.objects())
    view.prepare(organizations)
    day: datetime.date = view.day
    header = _("Số đảng viên ngày %(day)s") % {"day": format_vn_date(day)}
    content, counts = export_workbook(
        [],
        organizations,
        user=user,
        active="organizations",
        organization_extra=[header],
        extra=lambda org: [org.row.members],
    )
    _record(
        user,
        str(view.export_title),
        rows=counts["organizations"],
        personal="none",
        extra=_view_parameters(view),
        **counts,
    )
    return attachment(content, view.export_filename)


def _view_parameters(view) -> dict:
    parameters = {key: values if len(values) > 1 else values[0] for key, values in view.params.lists()}
    parameters.pop("export", None)
    return {"query": view.params.urlencode(), "parameters": parameters}
