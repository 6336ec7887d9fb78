"""The background task of the report pages (Django's task framework, as the import page): build the report,
render it, keep the file in its ReportRun row for the user who asked. Progress is written to the row as it
goes; the page polls it."""

import logging
import traceback

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from dangvu.core.context import acting

from . import catalogue
from .models import ReportRun
from .services import contents, produce

logger = logging.getLogger(__name__)


def _progress(run_id: int):
    def write(phase: str, done: int, total: int):
        if not transaction.get_connection().in_atomic_block:
            ReportRun.objects.filter(pk=run_id).update(phase=phase, done=done, total=total)

    return write


@task
def generate_report(run_id: int):
    run = ReportRun.objects.select_related("user", "organization").get(pk=run_id)
    spec = catalogue.get(run.slug)
    ReportRun.objects.filter(pk=run_id).update(status=ReportRun.Status.RUNNING, phase="figures")
    try:
        with acting(run.user, source="report"):
            params = catalogue.Params(run.organization, run.as_of, run.date_from, progress=_progress(run_id))
            report, content = produce(spec, params, run.format)
    except Exception:
        logger.exception("report run %s failed", run_id)
        ReportRun.objects.filter(pk=run_id).update(
            status=ReportRun.Status.FAILED, error=traceback.format_exc(limit=5), finished_at=timezone.now()
        )
        raise
    summary = contents(report, run.format, content)
    ReportRun.objects.filter(pk=run_id).update(
        status=ReportRun.Status.DONE,
        content=content,
        filename=summary["filename"],
        summary=summary,
        title=report.title,
        phase="",
        finished_at=timezone.now(),
    )
