"""The import page: upload → check (a background task, with a progress bar) → preview with the counts and
every problem → confirm → write (a background task, with a progress bar) → result. Plus the empty template
and the export of everything in the user's scope. The work is `importer.run_import` in `tasks`; these views
only check the permission, keep the uploaded file and show where the run stands."""

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.core.middleware import client_address

from .exports import attachment, full_export
from .forms import UploadForm
from .importer import PHASES, can_import
from .models import ImportRun
from .problems import Problem, report_xlsx
from .tasks import check_import, perform_import
from .template import empty_template

SHOWN_PROBLEMS = 200  # on the page; the downloadable report has them all
COUNT_ROWS = [
    ("organizations", gettext_lazy("Tổ chức đảng")),
    ("members", gettext_lazy("Đảng viên")),
    ("events", gettext_lazy("Biến động")),
]


def _require_import(request):
    if not can_import(request.user):
        raise PermissionDenied


def _run_for(request, pk) -> ImportRun:
    """A run of the user (an administrator sees every run); anyone else's is not found."""
    runs = (
        ImportRun.objects.all() if request.user.is_superuser else ImportRun.objects.filter(user=request.user)
    )
    return get_object_or_404(runs, pk=pk)


@login_required
def home(request):
    _require_import(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        run = ImportRun.objects.create(
            user=request.user,
            address=client_address(request),
            filename=upload.name[:255],
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            content=content,
            status=ImportRun.Status.CHECKING,
            phase="reading",
        )
        check_import.enqueue(run.pk)
        return redirect("transfer:run", pk=run.pk)
    runs = ImportRun.objects.filter(user=request.user).defer("content", "problems")[:10]
    return render(
        request,
        "transfer/home.html",
        {
            "form": form,
            "runs": runs,
            "can_export_all": has_perm(request.user, Perm.MEMBERS_EXPORT),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def template(request):
    return attachment(empty_template(), "mau-nhap-du-lieu")


@login_required
def export_all(request):
    if not has_perm(request.user, Perm.MEMBERS_EXPORT):
        raise PermissionDenied
    content, _counts = full_export(user=request.user)
    return attachment(content, "du-lieu-dang-vien")


def _context(run: ImportRun) -> dict:
    problems = [Problem.from_dict(p) for p in run.problems[:SHOWN_PROBLEMS]]
    return {
        "run": run,
        "problems": problems,
        "more_problems": max(run.problem_count - len(problems), 0),
        "counts": [(label, run.counts[key]) for key, label in COUNT_ROWS if run.counts.get(key)],
        "phase": PHASES.get(run.phase, PHASES["reading"]),
    }


@login_required
def run_detail(request, pk):
    _require_import(request)
    run = _run_for(request, pk)
    return render(request, "transfer/run.html", _context(run))


@login_required
def run_progress(request, pk):
    """The progress bar, polled every second by htmx while the task runs; once it has finished, htmx is told
    to load the run's page (which shows the preview or the result)."""
    _require_import(request)
    run = _run_for(request, pk)
    if run.is_running:
        return render(request, "transfer/_progress.html", _context(run))
    url = reverse("transfer:run", args=[run.pk])
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
def run_confirm(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _require_import(request)
    run = _run_for(request, pk)
    if run.status != ImportRun.Status.CHECKED:
        raise Http404
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.IMPORTING, phase="reading", done=0, total=0
    )
    perform_import.enqueue(run.pk)
    return redirect("transfer:run", pk=run.pk)


@login_required
def run_problems(request, pk):
    _require_import(request)
    run = _run_for(request, pk)
    if not run.problems:
        raise Http404
    problems = [Problem.from_dict(p) for p in run.problems]
    return attachment(report_xlsx(problems), f"loi-nhap-du-lieu-{run.pk}")
