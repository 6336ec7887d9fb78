"""Browser tests: Playwright drives Debian's Chromium (never a browser of its own) against `live_server`.

Every test under tests/browser is marked `browser`, so `pytest -m "not browser"` leaves them out.

    def test_home(live_server, page):
        page.goto(live_server.url + "/")

`scripts/ensure-chromium` (called by `make test`) installs the browser; DANGVU_CHROMIUM points elsewhere.
"""

import os
import re
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("DANGVU_CHROMIUM", "/usr/bin/chromium")
BROWSER_TESTS = Path(__file__).parent
SCREENSHOTS = BROWSER_TESTS.parent.parent / "test-results"
# The machine has no internet: keep Chromium from calling home at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share the test's connection (the
    in-memory SQLite database of the SQLite run). Two requests served at once — a suggestion the page asked
    for while typing, still running when the form is sent — interleaved their savepoints on that one
    connection ("no such savepoint", a 500). Only the application is serialized, not the reading of the
    sockets (Chromium opens connections ahead of its requests). With PostgreSQL each request's thread has its
    own connection, and requests are served side by side as in production."""

    _lock = threading.Lock()

    def set_app(self, application):
        if not self.connections_override:
            super().set_app(application)
            return

        def serialized(environ, start_response):
            with self._lock:
                response = application(environ, start_response)
                try:
                    return list(response)  # a streamed response still reads the database
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(serialized)


@pytest.fixture(scope="session", autouse=True)
def _live_server_class():
    previous = LiveServerThread.server_class
    LiveServerThread.server_class = _OneRequestAtATime
    yield
    LiveServerThread.server_class = previous


def pytest_collection_modifyitems(config, items):
    # This hook sees every collected item, not only this folder's.
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


_call_failed = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_call_failed] = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (or set DANGVU_CHROMIUM)")
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django would refuse database
    # access from the test body (SynchronousOnlyOperation) for as long as the browser lives.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, request):
    """A fresh context and page per test, in Vietnamese as the users' browsers are.

    A failing test leaves a screenshot in test-results/.
    """
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    if request.node.stash.get(_call_failed, False):
        SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()
