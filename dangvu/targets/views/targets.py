"""Target pages: the list with progress, a target's page (progress bar, pace marker, the split), and the
forms that assign, correct, split and remove targets (each one `targets.services` action)."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import today
from dangvu.figures.targets import split_progress
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History
from dangvu.web.views.common import form_flow, read_day, require

from .. import services
from ..forms import SplitDocumentForm, TargetForm
from ..lists import TargetList
from ..models import Target

target_list = TargetList.as_view()


def _targets(request, perm: str = Perm.TARGETS_VIEW):
    return Target.objects.visible_to(request.user, perm).select_related("receiver", "assigner", "parent")


def _changeable(request):
    """Targets the user may correct or remove (assigned by an organization in the user's scope)."""
    return _targets(request, Perm.TARGETS_CHANGE).changeable_by(request.user)


def _target_to_change(request, pk) -> Target:
    """404 outside the user's scope; 403 for a target the user only receives (its assigner changes it)."""
    target = get_object_or_404(_targets(request, Perm.TARGETS_CHANGE), pk=pk)
    if not _changeable(request).filter(pk=target.pk).exists():
        raise PermissionDenied
    return target


def _organizations(request, perm: str):
    return Organization.objects.visible_to(request.user, perm)


def marker(value) -> int:
    """A percent as the whole step 0–100 of the CSS classes that place bars and markers (no inline style)."""
    if value is None:
        return 0
    return max(0, min(100, int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))))


@login_required
def target_detail(request, pk):
    require(request, Perm.TARGETS_VIEW)
    target = get_object_or_404(_targets(request), pk=pk)
    day, day_form = read_day(request)
    history = History.load()
    split = split_progress(target, day, history)
    parent = None
    if (
        target.parent_id is not None
        and Target.objects.visible_to(request.user).filter(pk=target.parent_id).exists()
    ):
        parent = target.parent
    context = {
        "target": target,
        "item": split.parent,
        "split": split,
        "parent": parent,
        "day": day,
        "day_form": day_form,
        "marker": marker(split.parent.expected_percent),
        "parts": [(part, marker(part.progress.expected_percent)) for part in split.parts],
        "can_change": _changeable(request).filter(pk=target.pk).exists(),
        "can_split": has_perm(request.user, Perm.TARGETS_CHANGE)
        and _targets(request, Perm.TARGETS_CHANGE).filter(pk=target.pk).exists(),
    }
    return render(request, "targets/target_detail.html", context)


@login_required
def target_add(request):
    require(request, Perm.TARGETS_CHANGE)
    form = TargetForm(request.POST or None, organizations=_organizations(request, Perm.TARGETS_CHANGE))

    def perform():
        target = services.create_target(form.service_data(), acting_user=request.user)
        return reverse("targets:target-detail", args=[target.pk])

    return form_flow(
        request,
        forms_=[form],
        template="targets/form.html",
        context={"title": _("Giao chỉ tiêu"), "cancel": reverse("targets:target-list")},
        perform=perform,
        success=_("Đã ghi chỉ tiêu."),
    )


@login_required
def target_edit(request, pk):
    require(request, Perm.TARGETS_CHANGE)
    target = _target_to_change(request, pk)
    form = TargetForm(
        request.POST or None,
        initial=TargetForm.initial_for(target),
        organizations=_organizations(request, Perm.TARGETS_CHANGE),
    )

    def perform():
        services.update_target(target, form.service_data(), acting_user=request.user)
        return reverse("targets:target-detail", args=[target.pk])

    return form_flow(
        request,
        forms_=[form],
        template="targets/form.html",
        context={
            "title": _("Sửa chỉ tiêu"),
            "target": target,
            "cancel": reverse("targets:target-detail", args=[target.pk]),
        },
        perform=perform,
        success=_("Đã sửa chỉ tiêu."),
    )


class ConfirmForm(forms.Form):
    """Nothing to type: the confirmation page repeats what is removed."""


@login_required
def target_delete(request, pk):
    require(request, Perm.TARGETS_CHANGE)
    target = _target_to_change(request, pk)
    form = ConfirmForm(request.POST or None)
    back = reverse("targets:target-detail", args=[target.parent_id]) if target.parent_id else None

    def perform():
        services.delete_target(target, acting_user=request.user)
        return back or reverse("targets:target-list")

    return form_flow(
        request,
        forms_=[form],
        template="targets/confirm_delete.html",
        context={
            "title": _("Xóa chỉ tiêu"),
            "object": target,
            "cancel": reverse("targets:target-detail", args=[target.pk]),
        },
        perform=perform,
        confirm=_(
            "Chỉ tiêu “%(target)s” và các phần phân bổ của nó sẽ bị xóa; việc xóa được ghi vào nhật ký."
        )
        % {"target": target},
        success=_("Đã xóa chỉ tiêu."),
    )


def split_form(subordinates: list[Organization], data=None, initial=None) -> forms.Form:
    form = forms.Form(data=data, initial=initial)
    for org in subordinates:
        form.fields[f"part-{org.pk}-number"] = forms.IntegerField(
            label=org.name,
            min_value=0,
            required=False,
            widget=forms.NumberInput(attrs={"class": "input-count"}),
        )
        form.fields[f"part-{org.pk}-aim"] = forms.IntegerField(
            label=gettext_lazy("Mức phấn đấu"),
            min_value=1,
            required=False,
            widget=forms.NumberInput(attrs={"class": "input-count"}),
        )
    return form


@login_required
def target_split(request, pk):
    """Pass the target on to the organizations under its receiver: one number per organization."""
    require(request, Perm.TARGETS_CHANGE)
    target = get_object_or_404(_targets(request, Perm.TARGETS_CHANGE), pk=pk)
    history = History.load()
    existing = {part.receiver_id: part for part in target.parts.select_related("receiver")}
    # The organizations directly under the receiver when the period starts and at its end (or today).
    ids: list[int] = []
    for day in (max(target.start, target.receiver.founded_on), min(target.end, today())):
        tree = history.tree_on(day)
        if tree.exists(target.receiver_id):
            ids += [i for i in tree.direct_subordinates(target.receiver_id) if i not in ids]
    ids += [org_id for org_id in existing if org_id not in ids]
    orgs = Organization.objects.in_bulk(ids)
    subordinates = sorted((orgs[i] for i in ids), key=lambda o: (o.sort_key, o.pk))
    initial = {}
    for org_id, part in existing.items():
        initial[f"part-{org_id}-number"] = part.number
        initial[f"part-{org_id}-aim"] = part.aim
    form = split_form(subordinates, request.POST or None, initial)
    document = SplitDocumentForm(request.POST or None, prefix="document")

    def perform():
        parts = [
            {
                "receiver": org,
                "number": form.cleaned_data.get(f"part-{org.pk}-number"),
                "aim": form.cleaned_data.get(f"part-{org.pk}-aim"),
            }
            for org in subordinates
        ]
        try:
            services.split_target(
                target,
                parts,
                document_number=document.cleaned_data.get("document_number") or "",
                document_date=document.cleaned_data.get("document_date"),
                acting_user=request.user,
            )
        except ValidationError as error:
            raise _by_row(error, subordinates) from None
        return reverse("targets:target-detail", args=[target.pk])

    rows = [(org, form[f"part-{org.pk}-number"], form[f"part-{org.pk}-aim"]) for org in subordinates]
    return form_flow(
        request,
        forms_=[document, form],
        template="targets/split.html",
        context={
            "title": _("Phân bổ chỉ tiêu cho tổ chức trực thuộc"),
            "target": target,
            "rows": rows,
            "form": form,
            "cancel": reverse("targets:target-detail", args=[target.pk]),
        },
        perform=perform,
        success=_("Đã ghi phân bổ chỉ tiêu."),
        error_form=form,
    )


def _by_row(error, subordinates):
    """The service names a part by its row ("parts-3"): put the message next to that organization's number."""
    if not hasattr(error, "error_dict"):
        return error
    mapped = {}
    for key, errors in error.error_dict.items():
        if key.startswith("parts-"):
            index = int(key.split("-", 1)[1])
            key = f"part-{subordinates[index].pk}-number"
        mapped[key] = errors
    return ValidationError(mapped)
