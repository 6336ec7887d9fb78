"""The embedded default's task queue: background tasks (the import page, the reports) wait in the database
(django-tasks-db) and the development server runs them itself, in a daemon thread, so `make run` needs no
second process. A deployment runs `dangvu db_worker` instead (deploy/dangvu-worker.service) and its web
server, not being `runserver`, starts no thread.

The thread starts only when all hold: the setting DANGVU_TASKS_IN_PROCESS is on (the default), the default
task backend is django-tasks-db's, and the process is the development server's serving process (with the
autoreloader, the child that RUN_MAIN marks; the parent only watches the files)."""

import logging
import os
import sys
import threading
import time

from django.apps import apps
from django.conf import settings

logger = logging.getLogger(__name__)
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
_lock = threading.Lock()
_thread: threading.Thread | None = None


def wanted(argv: list[str] | None = None, environ=None) -> bool:
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    if not getattr(settings, "DANGVU_TASKS_IN_PROCESS", False):
        return False
    if settings.TASKS.get("default", {}).get("BACKEND") != DATABASE_BACKEND:
        return False
    if len(argv) < 2 or argv[1] != "runserver":
        return False
    return environ.get("RUN_MAIN") == "true" or "--noreload" in argv


def worker(worker_id: str | None = None):
    """django-tasks-db's worker for the default queue, polling every second."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id or f"in-process-{os.getpid()}",
        excluded_queue_names=[],
    )


def _serve(queue_worker):
    # Wait for the app registry: the first query must not run during the apps' initialization.
    while not apps.ready:
        time.sleep(0.1)
    logger.info("running background tasks in process (worker %s)", queue_worker.worker_id)
    while True:
        try:
            queue_worker.run()
            return
        except Exception:
            # A lost connection or a locked SQLite file must not stop the queue for the rest of the session.
            logger.exception("in-process task worker stopped; restarting in 5 s")
            time.sleep(5)


def start() -> threading.Thread:
    """Start the thread (once per process)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_serve, args=(worker(),), name="dangvu-tasks", daemon=True)
            _thread.start()
        return _thread


def start_if_wanted() -> threading.Thread | None:
    return start() if wanted() else None
