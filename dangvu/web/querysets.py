"""The web pages' entry points to the records: one function per model, so that what a user may see is decided
in one place (`dangvu.accounts.scoping`, the `visible_to` managers). Views never query a scoped model
through `.objects` directly."""

from dangvu.accounts.scoping import visible_members, visible_organizations


def members_for(request, perm: str = "members.view"):
    """Members the user may see (or act on with `perm`)."""
    return visible_members(request.user, perm)


def organizations_for(request):
    """Organizations the user may see."""
    return visible_organizations(request.user)


def member_events_for(request, member):
    """The ledger of a member the user may see (incl. corrected events)."""
    return member.events.select_related("organization", "to_organization").order_by("date", "id")


def organization_event_for(request, pk):
    """One event of an organization the user may see (not yet corrected), or None."""
    from dangvu.organizations.models import OrganizationEvent

    return (
        OrganizationEvent.objects.filter(organization__in=organizations_for(request), voided_at__isnull=True)
        .select_related("organization")
        .filter(pk=pk)
        .first()
    )


def organization_events_for(request, organization):
    """The history of an organization the user may see (incl. corrected events)."""
    return organization.events.select_related("parent", "related").order_by("date", "id")
