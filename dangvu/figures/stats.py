"""The statistics bundle that `dangvu stats`, the API and the pages show for an organization and a date."""

import datetime

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist

from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .counting import Scope, flows, member_counts, organization_counts, year_start


def root_organization(history: History | None = None, day: datetime.date | None = None) -> Organization:
    """The top of the installation (the organization with no parent inside it)."""
    org = Organization.objects.filter(parent__isnull=True).order_by("founded_on", "id").first()
    if org is None:
        raise ObjectDoesNotExist("no organization")
    return org


def statistics(
    org: Organization | None,
    as_of: datetime.date,
    *,
    period_from: datetime.date | None = None,
    history: History | None = None,
    breakdowns: bool = True,
) -> dict:
    history = history or History.load()
    org = org or root_organization()
    scope = Scope(as_of, org.pk, history)
    members = member_counts(scope, breakdowns=breakdowns)
    in_year = flows(history, org.pk, year_start(as_of), as_of)
    data = {
        "org": org.code,
        "org_name": (history.state_on(org.pk, as_of) or org).name,
        "as_of": as_of.isoformat(),
        "exists": scope.tree.exists(org.pk),
        "members": members.as_dict(),
        "admitted_in_year": in_year.admitted,
        "founded_in_year": in_year.founded,
        "in_year": in_year.as_dict(),
        "organizations": organization_counts(scope),
    }
    if period_from is not None:
        period = flows(history, org.pk, period_from, as_of)
        data["period"] = period.as_dict()
    if apps.is_installed("dangvu.targets"):
        from .targets import targets_brief

        # The targets of the organization whose period contains the date, with their progress (targets.py).
        data["targets"] = targets_brief(org.pk, as_of, history)
    return data
