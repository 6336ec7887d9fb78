"""The national ID's second index, for LIKE 'x%' (varchar_pattern_ops), goes on PostgreSQL.

Django adds it to every unique or indexed text column there. The column is compared byte by byte (the "C"
collation, migration 0004), so its unique index already serves a LIKE 'x%', and no query makes one: the
searches look inside the number (LIKE '%x%'). It was one more index to build at each first import and to
update at each write. Django's migration state does not know these indexes, so nothing else changes."""

from django.db import migrations


def _like_indexes(schema_editor, model) -> list[str]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [model._meta.db_table, "%(national_id varchar_pattern_ops)%"],
        )
        return [name for (name,) in cursor.fetchall()]


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in _like_indexes(schema_editor, apps.get_model("members", "Member")):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    member = apps.get_model("members", "Member")
    if not _like_indexes(schema_editor, member):
        schema_editor.execute(
            schema_editor._create_like_index_sql(member, member._meta.get_field("national_id"))
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0005_no_index_twice")]

    operations = [migrations.RunPython(drop, restore)]
