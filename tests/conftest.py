"""Shared fixtures.

The demo data set (`demo_db`)
-----------------------------
`demo_db` gives a test the demo data (the Party Committee of the Hai Phong Economic Zone, 1994 – 30/06/2024,
loaded by `dangvu demo load`) in the test database. The demo is loaded ONCE per test session, committed, on
the first test that asks for it; every test that uses it reads the same records::

    def test_members_on_31_march_2024(demo_db, client):
        assert demo_db.root.code == "KKT"
        ...

    def test_tree_page(demo_db, admin_client): ...          # pages: the usual clients work
    def test_search(demo_db, live_server, page): ...        # browser tests too (transactional)

Rules:
- Ask for `demo_db`; it opens database access itself (as `db`, or as `transactional_db` when the test asks
  for `live_server`/`transactional_db` or marks `django_db(transaction=True)`), so no marker is needed.
- A test that writes does so inside its own transaction, rolled back afterwards, so the demo stays as loaded
  (transactional tests are flushed; the demo is then restored before the next test that needs it).
- Tests that use the demo run after all the others (see `pytest_collection_modifyitems` below), so that no
  other test sees the demo's records.
- `demo_db.root` is the root organization, `demo_db.codes[code]` the id of an organization by code,
  `demo_db.plan` the plan it was loaded from (`dangvu.demo.plan.DemoPlan`).
"""

import sqlite3
from dataclasses import dataclass

import pytest
from django.core.management import call_command

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def _uses_demo(item) -> bool:
    return "demo_db" in getattr(item, "fixturenames", ())


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # After pytest-django's own ordering: the tests that use the demo go last, transactional ones at the very
    # end (their flush empties the database), keeping the order of the others.
    items.sort(key=lambda item: (_uses_demo(item), _uses_demo(item) and _transactional(item)))
    for item in items:
        if _uses_demo(item):
            # Load the demo before any other fixture opens the test's transaction (it must be committed).
            item.fixturenames.insert(0, "_demo_session")


@dataclass
class DemoData:
    root: object
    codes: dict
    plan: object
    load_seconds: float


class _DemoStore:
    """The loaded demo and a copy of it to restore it from after a flush: on SQLite a copy of the whole
    database, on PostgreSQL the rows of every table (COPY), as loading the demo again takes about a minute."""

    data: DemoData | None = None
    snapshot: sqlite3.Connection | None = None
    tables: dict[str, bytes] | None = None

    def present(self) -> bool:
        from dangvu.organizations.models import Organization

        return Organization.objects.filter(code="KKT").exists()

    def load(self):
        import time

        from django.db import connection

        from dangvu.demo.plan import make_plan
        from dangvu.organizations.models import Organization

        started = time.monotonic()
        call_command("demo", "load", stdout=_Quiet())
        seconds = time.monotonic() - started
        root = Organization.objects.get(code="KKT")
        codes = dict(Organization.objects.values_list("code", "id"))
        self.data = DemoData(root, codes, self.data.plan if self.data else make_plan(), seconds)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.snapshot = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.snapshot)
        elif connection.vendor == "postgresql":
            self.tables = _copy_tables_out(connection)

    def restore(self):
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection

        if self.snapshot is not None:
            connection.ensure_connection()
            self.snapshot.backup(connection.connection)
        elif self.tables is not None:
            _copy_tables_in(connection, self.tables)
        else:
            self.load()
        # The flush before emptied the content types and post_migrate recreated them under other ids.
        ContentType.objects.clear_cache()


def _copy_tables_out(connection) -> dict[str, bytes]:
    """The rows of every table of the project, as PostgreSQL's binary COPY gives them."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False):
            quoted = connection.ops.quote_name(table)
            with cursor.cursor.copy(f"COPY {quoted} TO STDOUT (FORMAT BINARY)") as copy:
                tables[table] = b"".join(bytes(block) for block in copy)
    return tables


def _copy_tables_in(connection, tables: dict[str, bytes]):
    """Empty every table (as the flush of a transactional test does) and put the copied rows back, in one
    transaction; the foreign keys (deferred) are checked at its commit, the sequences set past the rows."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.core.management.sql import sql_flush
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        connection.ops.execute_sql_flush(
            sql_flush(no_style(), connection, reset_sequences=False, allow_cascade=True)
        )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, rows in tables.items():
            quoted = connection.ops.quote_name(table)
            with cursor.cursor.copy(f"COPY {quoted} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(rows)
        for statement in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        ):
            cursor.execute(statement)


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


_store = _DemoStore()


@pytest.fixture(scope="session")
def _demo_session(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _store.load()
    return _store


@pytest.fixture
def demo_db(request, db, django_db_blocker) -> DemoData:
    """The demo data set, loaded once per session (see the top of this file)."""
    from django.db import connection

    if _store.data is None and connection.in_atomic_block:
        # Asked for with request.getfixturevalue() once the test's transaction was open: loading now would
        # be rolled back with the test (and SQLite's copy of it would wait for the lock for ever).
        pytest.fail(
            "demo_db: name it as an argument of the test or of one of its fixtures, so that the demo is loaded "
            "before the test's transaction opens (see tests/conftest.py)."
        )
    session = request.getfixturevalue("_demo_session")
    with django_db_blocker.unblock():
        if not session.present():
            session.restore()
    return session.data
