"""Background reports through the database-backed queue (the embedded default, django-tasks-db): the page
queues the run, a worker — the development server's own thread, or `dangvu db_worker` — runs it, and the
progress is written to the run as it goes."""

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from dangvu.core import worker
from dangvu.reports.models import ReportRun

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE)
def test_the_page_queues_the_run_and_a_worker_runs_it(world, login):
    client = login(world.users["thuongtruc"])
    response = client.post("/reports/member_list/", {"as_of": "31/03/2024", "format": "pdf"})
    run = ReportRun.objects.get()
    assert response["Location"] == f"/reports/runs/{run.pk}/"
    assert run.status == ReportRun.Status.QUEUED
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert f'hx-get="/reports/runs/{run.pk}/progress/"' in page and "<progress" in page
    assert client.get(f"/reports/runs/{run.pk}/progress/").status_code == 200

    queued = DBTaskResult.objects.ready().get()
    worker.worker("test").run_task(queued)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE, run.error
    assert run.content[:4] == b"%PDF" and run.phase == ""
    assert run.summary["tables"][1]["rows"] == 5
    response = client.get(f"/reports/runs/{run.pk}/progress/", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == f"/reports/runs/{run.pk}/"


def test_progress_is_written_while_the_report_is_made(world):
    from dangvu.reports import catalogue
    from dangvu.reports.services import produce

    seen = []
    params = catalogue.Params(world.root, world_day(), progress=lambda *step: seen.append(step))
    produce(catalogue.get("member_list"), params, "docx")
    phases = [phase for phase, _done, _total in seen]
    assert phases[0] == "members" and phases[-1] == "rendering"
    total = catalogue.build(catalogue.get("member_list"), catalogue.Params(world.root, world_day())).row_count
    assert seen[-1] == ("rendering", total, total)


def world_day():
    from .conftest import DAY

    return DAY


@pytest.mark.parametrize(
    "argv, environ, backend, on, expected",
    [
        (["dangvu", "runserver"], {"RUN_MAIN": "true"}, worker.DATABASE_BACKEND, True, True),
        (["dangvu", "runserver", "--noreload"], {}, worker.DATABASE_BACKEND, True, True),
        # The autoreloader's parent process only watches files.
        (["dangvu", "runserver"], {}, worker.DATABASE_BACKEND, True, False),
        (["dangvu", "migrate"], {"RUN_MAIN": "true"}, worker.DATABASE_BACKEND, True, False),
        (["gunicorn", "dangvu.wsgi"], {}, worker.DATABASE_BACKEND, True, False),
        (["dangvu", "runserver"], {"RUN_MAIN": "true"}, worker.DATABASE_BACKEND, False, False),
        (
            ["dangvu", "runserver"],
            {"RUN_MAIN": "true"},
            "django.tasks.backends.immediate.ImmediateBackend",
            True,
            False,
        ),
    ],
)
def test_the_development_server_runs_the_queue_itself(argv, environ, backend, on, expected):
    with override_settings(TASKS={"default": {"BACKEND": backend}}, DANGVU_TASKS_IN_PROCESS=on):
        assert worker.wanted(argv, environ) is expected


def test_the_embedded_default_queues_in_the_database():
    from dangvu.settings import base

    assert base.TASKS["default"]["BACKEND"] == worker.DATABASE_BACKEND and base.DANGVU_TASKS_IN_PROCESS
