"""Emulation pages: the ranking of an organization's direct subordinates for a year (figures.targets.ranking,
target completion computed, the other criteria scored by hand), its export, the criteria and the scoring."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.core import audit
from dangvu.core.dates import today
from dangvu.core.exports import DECIMAL, INT, TEXT, ExportColumn, xlsx_response
from dangvu.core.models import AuditKind
from dangvu.figures.targets import ranking, rating_day
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History
from dangvu.web.views.common import form_flow, require

from .. import services
from ..choices import CriterionKind
from ..forms import CriterionForm, RankingForm, score_form
from ..models import EmulationCriterion
from ..scope import home_organization, may_act_on
from .targets import ConfirmForm


def _points(value) -> str:
    return "—" if value is None else str(value).replace(".", ",")


@login_required
def ranking_page(request):
    require(request, Perm.TARGETS_VIEW)
    organizations = Organization.objects.visible_to(request.user, Perm.TARGETS_VIEW)
    form = RankingForm(request.GET or None, organizations=organizations)
    valid = form.is_valid() if request.GET else False
    org = (form.cleaned_data.get("organization") if valid else None) or home_organization(request.user)
    year = (form.cleaned_data.get("year") if valid else None) or today().year - 1
    if org is None or not organizations.filter(pk=org.pk).exists():
        raise Http404
    history = History.load()
    criteria, rows = ranking(org.pk, year, history)
    if request.GET.get("export") == "xlsx":
        return _export(request, org, year, criteria, rows)
    table = [(row, [_points(row.points.get(c.pk)) for c in criteria]) for row in rows]
    if not request.GET:
        form = RankingForm(initial={"organization": org, "year": year}, organizations=organizations)
    context = {
        "form": form,
        "org": org,
        "year": year,
        "day": rating_day(year),
        "criteria": criteria,
        "table": table,
        "total_points": sum((c.max_points for c in criteria), start=0),
        "can_change": has_perm(request.user, Perm.EMULATION_CHANGE)
        and may_act_on(request.user, Perm.EMULATION_CHANGE, org.pk),
        "export_query": f"?organization={org.code}&year={year}&export=xlsx",
    }
    return render(request, "targets/ranking.html", context)


def _export(request, org, year, criteria, rows):
    columns = [
        ExportColumn(str(_("Thứ hạng")), INT),
        ExportColumn(str(_("Tổ chức")), TEXT),
        ExportColumn(str(_("Mã tổ chức")), TEXT),
        *[ExportColumn(c.name, DECIMAL) for c in criteria],
        ExportColumn(str(_("Tổng điểm")), DECIMAL),
    ]
    data = [
        [row.rank, row.name, row.code, *[row.points.get(c.pk) for c in criteria], row.total] for row in rows
    ]
    title = _("Xếp hạng thi đua năm %(year)s – %(org)s") % {"year": year, "org": org.name}
    response = xlsx_response(f"xep-hang-thi-dua-{year}", title, columns, data)
    audit.record(
        AuditKind.EXPORT,
        object_type=EmulationCriterion._meta.label,
        object_repr=_("%(title)s: %(n)s dòng") % {"title": title, "n": len(data)},
        after={"title": title, "organization": org.code, "year": year, "rows": len(data)},
        acting_user=request.user,
    )
    return response


def _criterion(request, pk, perm=Perm.EMULATION_CHANGE):
    return get_object_or_404(
        EmulationCriterion.objects.visible_to(request.user, perm).select_related("owner"), pk=pk
    )


@login_required
def criterion_add(request):
    require(request, Perm.EMULATION_CHANGE)
    code = request.GET.get("organization") or ""
    organizations = Organization.objects.visible_to(request.user, Perm.EMULATION_CHANGE)
    owner = organizations.filter(code=code).first() if code else home_organization(request.user)
    if owner is None or not may_act_on(request.user, Perm.EMULATION_CHANGE, owner.pk):
        raise Http404
    form = CriterionForm(request.POST or None, initial={"year": request.GET.get("year") or today().year - 1})

    def perform():
        criterion = services.create_criterion({**form.cleaned_data, "owner": owner}, acting_user=request.user)
        return reverse("targets:ranking") + f"?organization={owner.code}&year={criterion.year}"

    return form_flow(
        request,
        forms_=[form],
        template="targets/form.html",
        context={
            "title": _("Thêm tiêu chí thi đua"),
            "context_line": owner.name,
            "cancel": reverse("targets:ranking"),
        },
        perform=perform,
        success=_("Đã thêm tiêu chí."),
    )


@login_required
def criterion_edit(request, pk):
    require(request, Perm.EMULATION_CHANGE)
    criterion = _criterion(request, pk)
    initial = {name: getattr(criterion, name) for name in ("year", "name", "kind", "position", "description")}
    initial["max_points"] = str(criterion.max_points).replace(".", ",")
    form = CriterionForm(request.POST or None, initial=initial)
    back = reverse("targets:ranking") + f"?organization={criterion.owner.code}&year={criterion.year}"

    def perform():
        services.update_criterion(criterion, dict(form.cleaned_data), acting_user=request.user)
        return back

    return form_flow(
        request,
        forms_=[form],
        template="targets/form.html",
        context={"title": _("Sửa tiêu chí thi đua"), "context_line": criterion.owner.name, "cancel": back},
        perform=perform,
        success=_("Đã sửa tiêu chí."),
    )


@login_required
def criterion_delete(request, pk):
    require(request, Perm.EMULATION_CHANGE)
    criterion = _criterion(request, pk)
    back = reverse("targets:ranking") + f"?organization={criterion.owner.code}&year={criterion.year}"
    form = ConfirmForm(request.POST or None)

    def perform():
        services.delete_criterion(criterion, acting_user=request.user)
        return back

    return form_flow(
        request,
        forms_=[form],
        template="targets/confirm_delete.html",
        context={"title": _("Xóa tiêu chí thi đua"), "object": criterion, "cancel": back},
        perform=perform,
        confirm=_("Tiêu chí “%(name)s” và điểm đã chấm theo tiêu chí này sẽ bị xóa.")
        % {"name": criterion.name},
        success=_("Đã xóa tiêu chí."),
    )


@login_required
def criterion_scores(request, pk):
    """Score a criterion by hand for each organization directly under its owner, with evidence."""
    require(request, Perm.EMULATION_CHANGE)
    criterion = _criterion(request, pk)
    if criterion.kind != CriterionKind.MANUAL:
        raise PermissionDenied
    history = History.load()
    tree = history.tree_on(rating_day(criterion.year))
    ids = tree.direct_subordinates(criterion.owner_id) if tree.exists(criterion.owner_id) else []
    organizations = sorted(Organization.objects.in_bulk(ids).values(), key=lambda o: o.sort_key)
    initial = {}
    for score in criterion.scores.all():
        initial[f"organization-{score.organization_id}-points"] = str(score.points).replace(".", ",")
        initial[f"organization-{score.organization_id}-evidence"] = score.evidence
    form = score_form(organizations, request.POST or None, initial)
    back = reverse("targets:ranking") + f"?organization={criterion.owner.code}&year={criterion.year}"

    def perform():
        entries = [
            {
                "organization": org,
                "points": form.cleaned_data[f"organization-{org.pk}-points"],
                "evidence": form.cleaned_data[f"organization-{org.pk}-evidence"],
            }
            for org in organizations
        ]
        services.record_scores(criterion, entries, acting_user=request.user, history=history)
        return back

    rows = [
        (org, form[f"organization-{org.pk}-points"], form[f"organization-{org.pk}-evidence"])
        for org in organizations
    ]
    return form_flow(
        request,
        forms_=[form],
        template="targets/scores.html",
        context={
            "title": _("Chấm điểm thi đua"),
            "criterion": criterion,
            "rows": rows,
            "form": form,
            "cancel": back,
        },
        perform=perform,
        success=_("Đã ghi điểm thi đua."),
    )
