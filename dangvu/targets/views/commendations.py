"""The commendation register: the list of collectives and individuals commended, a decision's page, and the
forms that record and remove decisions (`targets.services`)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.web.views.common import form_flow, require

from .. import services
from ..forms import CommendationForm
from ..lists import CommendationList
from ..models import Commendation, CommendationDecision
from .targets import ConfirmForm

commendation_list = CommendationList.as_view()


@login_required
def commendation_detail(request, pk):
    require(request, Perm.COMMENDATIONS_VIEW)
    decision = get_object_or_404(CommendationDecision.objects.visible_to(request.user), pk=pk)
    recipients = (
        Commendation.objects.visible_to(request.user)
        .filter(decision=decision)
        .select_related("organization", "member")
    )
    collectives = sorted((r for r in recipients if r.is_collective), key=lambda r: r.sort_key)
    individuals = sorted((r for r in recipients if not r.is_collective), key=lambda r: r.sort_key)
    context = {
        "decision": decision,
        "collectives": collectives,
        "individuals": individuals,
        "can_change": _may_change_all(request, decision),
        "can_see_members": has_perm(request.user, Perm.MEMBERS_VIEW),
    }
    return render(request, "targets/commendation_detail.html", context)


def _may_change_all(request, decision) -> bool:
    """A decision is changed as a whole: only by a user whose scope holds every one it commends."""
    if not has_perm(request.user, Perm.COMMENDATIONS_CHANGE):
        return False
    mine = Commendation.objects.visible_to(request.user, Perm.COMMENDATIONS_CHANGE).filter(decision=decision)
    return mine.count() == decision.recipients.count()


@login_required
def commendation_add(request):
    require(request, Perm.COMMENDATIONS_CHANGE)
    form = CommendationForm(
        request.POST or None,
        organizations=Organization.objects.visible_to(request.user, Perm.COMMENDATIONS_CHANGE),
        members=Member.objects.visible_to(request.user, Perm.COMMENDATIONS_CHANGE),
    )

    def perform():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("collectives", "individuals")}
        decision = services.record_commendation(
            data,
            collectives=form.cleaned_data["collectives"],
            individuals=form.cleaned_data["individuals"],
            acting_user=request.user,
        )
        return reverse("targets:commendation-detail", args=[decision.pk])

    return form_flow(
        request,
        forms_=[form],
        template="targets/form.html",
        context={"title": _("Ghi quyết định khen thưởng"), "cancel": reverse("targets:commendation-list")},
        perform=perform,
        success=_("Đã ghi quyết định khen thưởng."),
    )


@login_required
def commendation_delete(request, pk):
    require(request, Perm.COMMENDATIONS_CHANGE)
    decision = get_object_or_404(
        CommendationDecision.objects.visible_to(request.user, Perm.COMMENDATIONS_CHANGE), pk=pk
    )
    if not _may_change_all(request, decision):
        raise PermissionDenied
    form = ConfirmForm(request.POST or None)

    def perform():
        services.delete_commendation(decision, acting_user=request.user)
        return reverse("targets:commendation-list")

    return form_flow(
        request,
        forms_=[form],
        template="targets/confirm_delete.html",
        context={
            "title": _("Xóa quyết định khen thưởng"),
            "object": decision,
            "cancel": reverse("targets:commendation-detail", args=[decision.pk]),
        },
        perform=perform,
        confirm=_("Quyết định %(decision)s và danh sách tập thể, cá nhân được khen thưởng sẽ bị xóa.")
        % {"decision": decision},
        success=_("Đã xóa quyết định khen thưởng."),
    )
