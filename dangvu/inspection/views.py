"""Discipline pages of the Inspection Committee (/inspection/). Nobody without `discipline.view` learns that
they exist: every URL answers 404, like a record outside the user's scope. Recording and correcting need
`discipline.change`; each is an `inspection.services` action."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.members.models import Member
from dangvu.web.views.common import form_flow

from . import services
from .forms import DisciplineRecordForm, VoidForm
from .lists import DisciplineList
from .models import DisciplineForm, DisciplineRecord

discipline_list = DisciplineList.as_view()


def _require(request, perm: str):
    if not has_perm(request.user, Perm.DISCIPLINE_VIEW):
        raise Http404
    if not has_perm(request.user, perm):
        raise PermissionDenied


def _record(request, pk, perm=Perm.DISCIPLINE_VIEW):
    _require(request, perm)
    return get_object_or_404(
        DisciplineRecord.objects.visible_to(request.user, perm).select_related("member"), pk=pk
    )


@login_required
def discipline_detail(request, pk):
    record = _record(request, pk)
    return render(
        request,
        "inspection/detail.html",
        {
            "record": record,
            "can_change": has_perm(request.user, Perm.DISCIPLINE_CHANGE),
            "others": DisciplineRecord.objects.visible_to(request.user)
            .filter(member=record.member)
            .exclude(pk=record.pk),
        },
    )


@login_required
def discipline_add(request, member_pk):
    """Record a discipline decision of a member in scope; an expulsion, which ends the membership, is
    confirmed first."""
    _require(request, Perm.DISCIPLINE_CHANGE)
    member = get_object_or_404(Member.objects.visible_to(request.user, Perm.DISCIPLINE_CHANGE), pk=member_pk)
    form = DisciplineRecordForm(request.POST or None)
    created = {}

    def perform():
        created["record"] = services.record_discipline(member, acting_user=request.user, **form.cleaned_data)
        return reverse("inspection:detail", args=[created["record"].pk])

    expulsion = form.is_bound and form.is_valid() and form.cleaned_data["form"] == DisciplineForm.EXPULSION
    return form_flow(
        request,
        forms_=[form],
        template="inspection/form.html",
        context={"member": member, "title": _("Ghi quyết định kỷ luật")},
        perform=perform,
        confirm=_("Khai trừ chấm dứt tư cách đảng viên của %(m)s từ ngày quyết định.")
        % {"m": member.full_name}
        if expulsion
        else None,
        success=_("Đã ghi quyết định kỷ luật."),
    )


@login_required
def discipline_void(request, pk):
    record = _record(request, pk, Perm.DISCIPLINE_CHANGE)
    if record.voided_at is not None:
        raise Http404
    form = VoidForm(request.POST or None)

    def perform():
        services.void_discipline(record, form.cleaned_data["reason"], acting_user=request.user)
        return reverse("inspection:detail", args=[record.pk])

    return form_flow(
        request,
        forms_=[form],
        template="inspection/void.html",
        context={"record": record, "member": record.member, "title": _("Đính chính quyết định kỷ luật")},
        perform=perform,
        confirm=_("Quyết định thôi có hiệu lực (vẫn giữ trong hồ sơ, kèm lý do)%(extra)s.")
        % {
            "extra": _("; việc khai trừ khỏi Đảng cũng được đính chính")
            if record.form == DisciplineForm.EXPULSION
            else ""
        },
        success=_("Đã đính chính quyết định kỷ luật."),
    )
