"""Columns compared byte by byte (dangvu.core.fields): sort keys and ASCII codes take PostgreSQL's "C"
collation, and the members' keys have one index each, not a second one for LIKE 'x%'."""

import pytest
from django.db import connection

from dangvu.core.fields import CodeField, SortKeyField
from dangvu.members.models import Member, MembershipEvent

pytestmark = pytest.mark.django_db

BYTE_COMPARED = [
    (Member, "search_key"),
    (Member, "sort_key"),
    (Member, "national_id"),
    (MembershipEvent, "kind"),
]


@pytest.mark.parametrize(("model", "name"), BYTE_COMPARED)
def test_the_field_asks_for_the_c_collation_on_postgresql_only(model, name):
    field = model._meta.get_field(name)
    assert isinstance(field, CodeField | SortKeyField)
    collation = field.db_parameters(connection).get("collation")
    assert collation == ("C" if connection.vendor == "postgresql" else None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the collation of PostgreSQL's columns")
@pytest.mark.parametrize(("model", "name"), BYTE_COMPARED)
def test_the_migrated_column_has_the_c_collation(model, name):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
            [model._meta.db_table, model._meta.get_field(name).column],
        )
        assert cursor.fetchall() == [("C",)]


def _indexes_of(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table]
            )
        return {name: sql or "" for name, sql in cursor.fetchall()}


@pytest.mark.parametrize("column", ["search_key", "sort_key"])
def test_a_member_key_has_one_index(column):
    on_column = [
        sql for sql in _indexes_of(Member._meta.db_table).values() if f"({column})" in sql.replace('"', "")
    ]
    assert len(on_column) == 1, on_column
    assert "pattern_ops" not in on_column[0]
