"""`fastinsert.insert_rows` stores every row given, exactly, whatever their number: COPY on PostgreSQL; on
SQLite INSERTs of many rows each, with the rows that do not fill a last statement written one by one."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from dangvu.core import fastinsert
from dangvu.core.models import AuditEntry

pytestmark = pytest.mark.django_db

COLUMNS = ["id", "at", "username", "address", "request_id", "source", "kind", "object_type", "object_id",
           "object_repr", "before", "after", "previous_hash", "hash"]  # fmt: skip


def _rows(count: int) -> list[tuple]:
    at = fastinsert.db_datetime(timezone.make_aware(datetime.datetime(2024, 5, 6, 7, 8, 9)), model=AuditEntry)
    ids = fastinsert.allocate_ids(AuditEntry, count)
    return [
        (
            entry_id,
            at,
            f"người dùng {n}",
            "",
            "",
            "test",
            "create",
            "x.Y",
            str(n),
            f'Dòng "{n}" \\ \t có dấu',
            None if n % 3 else '{"a": 1}',
            '{"n": ' + str(n) + ', "tên": "Hằng"}',
            "p" * 64,
            f"{n:064d}",
        )
        for n, entry_id in enumerate(ids)
    ]


@pytest.mark.parametrize("batch_size", [40, 5000])
@pytest.mark.parametrize("count", [0, 1, fastinsert.ROWS_PER_STATEMENT - 1, fastinsert.ROWS_PER_STATEMENT,
                                   fastinsert.ROWS_PER_STATEMENT + 1, 3 * fastinsert.ROWS_PER_STATEMENT + 23])  # fmt: skip
def test_every_row_is_stored_as_given(count, batch_size):
    before = AuditEntry.objects.count()
    with transaction.atomic():
        rows = _rows(count)
        assert fastinsert.insert_rows(AuditEntry, COLUMNS, iter(rows), batch_size=batch_size) == count
    assert AuditEntry.objects.count() == before + count
    stored = {entry.id: entry for entry in AuditEntry.objects.filter(id__in=[row[0] for row in rows])}
    assert len(stored) == count
    for row in rows:
        entry = stored[row[0]]
        assert (entry.username, entry.object_id, entry.object_repr, entry.hash) == (
            row[2],
            row[8],
            row[9],
            row[13],
        )
        assert entry.before == (None if row[10] is None else {"a": 1})
        assert entry.after == {"n": int(row[8]), "tên": "Hằng"}
        assert entry.at == timezone.make_aware(datetime.datetime(2024, 5, 6, 7, 8, 9))
