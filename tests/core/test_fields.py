"""Columns compared byte by byte (dangvu.core.fields): sort keys and ASCII codes take PostgreSQL's "C"
collation, and the members' keys have one index each, not a second one for LIKE 'x%'."""

import pytest
from django.db import connection

from dangvu.core.fields import CodeField, SortKeyField
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod

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


@pytest.mark.parametrize("model", [Member, MembershipEvent, MembershipPeriod])
def test_no_index_of_the_member_tables_is_the_start_of_another(model):
    """An index on (a) beside one on (a, b) is kept up to date at every write and read by no query that the
    second would not serve: the member tables have none (every row an import writes updates each index)."""
    partial = {index.name for index in model._meta.indexes if index.condition is not None}
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    indexes = {
        name: tuple(info["columns"])
        for name, info in found.items()
        if info["index"] and not info["unique"] and not info["primary_key"] and name not in partial
    }
    assert indexes
    for name, columns in indexes.items():
        for other, longer in indexes.items():
            if other != name:
                assert longer[: len(columns)] != columns, (name, other)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Django adds LIKE-prefix indexes on PostgreSQL only"
)
@pytest.mark.parametrize(("model", "name"), BYTE_COMPARED)
def test_a_byte_compared_column_has_no_like_prefix_index(model, name):
    """Its ordinary index serves LIKE 'x%' already (the "C" collation): a second one would only be written."""
    column = model._meta.get_field(name).column
    extra = [
        sql
        for sql in _indexes_of(model._meta.db_table).values()
        if f"({column} " in sql and "pattern_ops" in sql
    ]
    assert extra == []
