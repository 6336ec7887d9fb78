"""The background tasks of the import page (Django's task framework: queued in the database, run by the
development server's own thread or by `dangvu db_worker` (dangvu/core/worker.py); at once in the tests):
check a file, then write it.

The import runs in one transaction, so its progress is written beside it: through a second connection on
PostgreSQL, where the page's polling reads it while the transaction is still open; SQLite takes one writer
at a time, so there the row is updated only between the steps that write.
"""

import logging
import traceback

from django.db import connections
from django.tasks import task
from django.utils import timezone

from dangvu.core.context import acting

from .importer import run_import
from .models import MAX_STORED_PROBLEMS, ImportRun

logger = logging.getLogger(__name__)


class ProgressWriter:
    """The `progress` callback of `run_import` for one ImportRun row."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self._side = None

    def __call__(self, phase: str, done: int, total: int):
        main = connections["default"]
        if not main.in_atomic_block:
            ImportRun.objects.filter(pk=self.run_id).update(phase=phase, done=done, total=total)
            return
        if main.vendor != "postgresql":
            return
        if self._side is None:
            self._side = connections.create_connection("default")
        quote = self._side.ops.quote_name
        with self._side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(ImportRun._meta.db_table)} SET {quote('phase')} = %s, {quote('done')} = %s, "
                f"{quote('total')} = %s WHERE {quote('id')} = %s",
                [phase, done, total, self.run_id],
            )

    def close(self):
        if self._side is not None:
            self._side.close()
            self._side = None


def _execute(run_id: int, *, dry_run: bool):
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    progress = ProgressWriter(run_id)
    try:
        with acting(run.user, address=run.address, source="import"):
            result = run_import(
                bytes(run.content),
                filename=run.filename,
                dry_run=dry_run,
                acting_user=run.user,
                progress=progress,
                run_id=run_id,
            )
    except Exception:
        logger.exception("import %s failed", run_id)
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED,
            error=traceback.format_exc(limit=5),
            content=b"",
            finished_at=timezone.now(),
        )
        raise
    finally:
        progress.close()
    if result.problems:
        status = ImportRun.Status.REFUSED
    elif dry_run:
        status = ImportRun.Status.CHECKED
    else:
        status = ImportRun.Status.DONE
    fields = {
        "status": status,
        "counts": result.counts,
        "problems": [problem.as_dict() for problem in result.problems[:MAX_STORED_PROBLEMS]],
        "problem_count": len(result.problems),
        "audit_id": result.audit_id,
        "phase": "",
        "done": 0,
        "total": 0,
    }
    if status != ImportRun.Status.CHECKED:
        # The file holds personal data: it is kept only while it waits for the confirmation.
        fields.update(content=b"", finished_at=timezone.now())
    ImportRun.objects.filter(pk=run_id).update(**fields)


@task
def check_import(run_id: int):
    """Check the uploaded file as a dry run: counts and problems, nothing written."""
    _execute(run_id, dry_run=True)


@task
def perform_import(run_id: int):
    """Write the checked file (checked again inside the import: the records may have changed since)."""
    _execute(run_id, dry_run=False)
