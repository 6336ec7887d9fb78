"""The report pages: the catalogue, one page per report (parameters, an HTML preview, downloads in every
format, each recorded in the audit trail) and the background runs with their progress bar. The figures are
the catalogue's; these views check the permission, keep the organization within the user's scope and hand
the file over."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.scoping import has_perm, scope_org_ids
from dangvu.core.dates import format_vn_date, today
from dangvu.figures.stats import root_organization
from dangvu.organizations.models import Organization
from dangvu.web.views.common import require

from . import catalogue
from .document import DECIMAL, INT, PERCENT, text
from .forms import ReportForm, RunForm
from .models import ReportRun
from .render import FORMATS
from .services import contents, produce, record_export
from .tasks import generate_report

DOWNLOAD_ORDER = ("xlsx", "docx", "pdf", "json")  # the buttons, the spreadsheet first
PREVIEW_ROWS = 100  # rows of a table shown on the page; the files have them all
NUMERIC = {INT, DECIMAL, PERCENT}
PHASES = {
    "figures": gettext_lazy("tính số liệu"),
    "members": gettext_lazy("lập danh sách"),
    "events": gettext_lazy("đọc các biến động"),
    "parts": gettext_lazy("tính phân bổ chỉ tiêu"),
    "rendering": gettext_lazy("tạo tệp"),
}


def _spec(request, slug) -> catalogue.ReportSpec:
    spec = catalogue.get(slug)
    if spec is None:
        raise Http404
    require(request, spec.perm)
    return spec


def default_organization(user, perm: str) -> Organization:
    """The whole installation for a user whose scope is everything, else the user's own organization."""
    scope = scope_org_ids(user, perm)
    if scope is None:
        try:
            return root_organization()
        except ObjectDoesNotExist:
            raise Http404(_("Chưa có tổ chức đảng nào.")) from None
    if user.organization_id in scope:
        return user.organization
    raise Http404(_("Tài khoản chưa gắn với tổ chức nào."))


def _form(request, spec, data) -> ReportForm:
    data = data.copy()
    day = today()
    defaults = {"date_from": datetime.date(day.year, 1, 1), "date_to": day} if spec.period else {"as_of": day}
    for name, value in defaults.items():
        if not data.get(name):
            data[name] = format_vn_date(value)
    return ReportForm(data, spec=spec, organizations=Organization.objects.visible_to(request.user, spec.perm))


def _params(request, spec, form) -> catalogue.Params:
    org = form.cleaned_data.get("organization") or default_organization(request.user, spec.perm)
    return catalogue.Params(org, form.day, form.date_from if spec.period else None)


def _preview(report) -> list[dict]:
    tables = []
    for table in report.tables:
        numeric = [c.kind in NUMERIC for c in table.columns]
        rows = [
            {
                "strong": index in table.strong_rows,
                "cells": [
                    (text(v, c.kind), c.kind in NUMERIC) for v, c in zip(row, table.columns, strict=True)
                ],
            }
            for index, row in enumerate(table.rows[:PREVIEW_ROWS])
        ]
        tables.append(
            {
                "title": table.title,
                "headers": list(zip([c.header for c in table.columns], numeric, strict=True)),
                "rows": rows,
                "more": max(len(table.rows) - PREVIEW_ROWS, 0),
            }
        )
    return tables


def attachment(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def catalogue_page(request):
    reports = [spec for spec in catalogue.REPORTS.values() if has_perm(request.user, spec.perm)]
    runs = ReportRun.objects.filter(user=request.user).select_related("organization").defer("content")[:10]
    return render(request, "reports/catalogue.html", {"reports": reports, "runs": runs})


@login_required
def report_page(request, slug):
    spec = _spec(request, slug)
    source = request.POST if request.method == "POST" else request.GET
    form = _form(request, spec, source)
    context = {"spec": spec, "form": form, "report": None, "formats": list(FORMATS)}
    if not form.is_valid():
        return render(request, "reports/report.html", context, status=422)
    params = _params(request, spec, form)
    if request.method == "POST":
        run_form = RunForm(request.POST)
        if not run_form.is_valid():
            context["run_form"] = run_form
            return render(request, "reports/report.html", context, status=422)
        run = ReportRun.objects.create(
            user=request.user,
            slug=spec.slug,
            title=str(spec.title),
            organization=params.organization,
            as_of=params.day,
            date_from=params.date_from,
            format=run_form.cleaned_data["format"],
            phase="figures",
        )
        generate_report.enqueue(run.pk)
        return redirect("reports:run", pk=run.pk)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        report, content = produce(spec, params, fmt)
        summary = contents(report, fmt, content)
        record_export(summary, acting_user=request.user)
        return attachment(content, fmt, summary["filename"])
    report = catalogue.build(spec, params)
    query = request.GET.copy()
    query.pop("format", None)
    context.update(
        {
            "report": report,
            "tables": _preview(report),
            "downloads": [(fmt, _download_query(query, fmt)) for fmt in DOWNLOAD_ORDER],
            "run_form": RunForm(initial={"format": "docx"}),
        }
    )
    return render(request, "reports/report.html", context)


def _download_query(query, fmt: str) -> str:
    query = query.copy()
    query["format"] = fmt
    return "?" + query.urlencode()


def _run_for(request, pk) -> ReportRun:
    """A run of the user; anyone else's is not found."""
    return get_object_or_404(ReportRun.objects.defer("content"), pk=pk, user=request.user)


def _run_context(run: ReportRun) -> dict:
    return {"run": run, "phase": PHASES.get(run.phase, "")}


@login_required
def run_detail(request, pk):
    run = _run_for(request, pk)
    return render(request, "reports/run.html", _run_context(run))


@login_required
def run_progress(request, pk):
    """The progress bar, polled by htmx while the task runs; once it has finished, htmx loads the run's page."""
    run = _run_for(request, pk)
    if run.is_running:
        return render(request, "reports/_progress.html", _run_context(run))
    url = reverse("reports:run", args=[run.pk])
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
def run_download(request, pk):
    run = get_object_or_404(ReportRun, pk=pk, user=request.user, status=ReportRun.Status.DONE)
    spec = catalogue.get(run.slug)
    # The permission may have been withdrawn since the run was asked for.
    if spec is None or not has_perm(request.user, spec.perm):
        raise Http404
    scope = scope_org_ids(request.user, spec.perm)
    if scope is not None and run.organization_id not in scope:
        raise Http404
    record_export(run.summary, acting_user=request.user)
    return attachment(bytes(run.content), run.format, run.filename)
