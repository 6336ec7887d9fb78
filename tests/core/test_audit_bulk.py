"""`record_many` writes rows that `verify_chain` accepts: each row's stored hash is `compute_hash()` of the
stored row, linked to the row before it — with rows of every shape (instances or ids, before and after
values with dates, decimals and non-ASCII text, a lazily translated text) and mixed with `record()`."""

import datetime
import decimal

import pytest
from django.utils.translation import gettext_lazy

from dangvu.core import audit
from dangvu.core.context import acting
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.organizations.models import Organization
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_rows_written_in_bulk_keep_the_chain():
    root = f.root(datetime.date(2000, 1, 1))
    audit.record(AuditKind.UPDATE, root, before={"name": "cũ"}, after={"name": "mới"})
    start = AuditEntry.objects.count()
    items = [
        {"kind": AuditKind.CREATE, "obj": root, "after": audit.snapshot(root)},
        {"kind": AuditKind.EVENT, "object_type": "members.Member", "object_id": 7, "object_repr": "Nguyễn Thị Hằng",
         "after": {"date": "2020-01-02", "note": 'ngoặc "kép" \\ và \t', "n": 3, "ok": True, "none": None}},
        {"kind": AuditKind.UPDATE, "object_type": "x.Y", "object_id": "abc", "before": {"a": [1, 2]},
         "after": {"when": datetime.date(2021, 3, 4), "amount": decimal.Decimal("1.50")}},
        {"kind": AuditKind.IMPORT, "object_repr": gettext_lazy("Nhập dữ liệu"), "after": None},
        {"kind": AuditKind.EXPORT, "object_repr": "x" * 400},
    ]  # fmt: skip
    with acting(None, source="test"):
        assert audit.record_many(items * 3, batch_size=4) == 15
    audit.record(AuditKind.DELETE, root)
    assert audit.verify_chain() is None
    rows = list(AuditEntry.objects.order_by("id"))
    assert len(rows) == start + 16
    for row in rows:
        assert row.hash == row.compute_hash()
    created, event, updated, imported, exported = rows[start : start + 5]
    assert created.object_type == Organization._meta.label and created.object_id == str(root.pk)
    assert created.after == audit.snapshot(root)
    assert event.object_id == "7" and event.after["note"] == 'ngoặc "kép" \\ và \t'
    assert updated.before == {"a": [1, 2]} and updated.after == {"when": "2021-03-04", "amount": "1.50"}
    assert imported.object_repr == "Nhập dữ liệu" and imported.after is None
    assert len(exported.object_repr) == 300 and exported.source == "test"
    # A changed row breaks the chain there.
    AuditEntry.objects.filter(pk=event.pk).update(object_repr="Người khác")
    assert audit.verify_chain().pk == event.pk


def test_allocated_ids_are_fresh_and_on_postgresql_not_handed_out_again():
    """On SQLite the ids are those above the highest (the write lock keeps them free until they are used); on
    PostgreSQL they are taken from the sequence: a second block and an ordinary insert get later ones."""
    from django.db import connection, transaction

    from dangvu.core import fastinsert

    audit.record(AuditKind.LOGIN)
    highest = AuditEntry.objects.order_by("-id").first().pk
    with transaction.atomic():
        first = fastinsert.allocate_ids(AuditEntry, 5)
        second = fastinsert.allocate_ids(AuditEntry, 3)
        after = audit.record(AuditKind.LOGIN)
    assert first == list(range(first[0], first[0] + 5)) and second == list(range(second[0], second[0] + 3))
    assert highest < first[0]
    if connection.vendor == "postgresql":
        assert first[-1] < second[0] and second[-1] < after.pk
    assert fastinsert.allocate_ids(AuditEntry, 0) == []


def test_rows_given_as_tuples_with_their_values_serialized_keep_the_chain():
    """The importer's worker sends its rows as (kind, type, id, repr, values after as text), the snapshots
    made with their keys in order and serialized without sorting them again: the same text as sorting."""
    snapshot = dict(sorted({"b": "Hải Phòng", "a": 1, "c": None, "d": "2020-01-02", "e": 'x "y"'}.items()))
    text = audit.serialized_sorted(snapshot)
    assert text == audit.serialized(snapshot) == audit.serialized(dict(reversed(snapshot.items())))
    with acting(None, source="test"):
        audit.record(AuditKind.UPDATE, object_type="x.Y", object_repr="trước", after={"n": 1})
        audit.record_many(
            [
                (str(AuditKind.CREATE), "members.Member", "7", "Nguyễn Thị Hằng", text),
                (str(AuditKind.EVENT), "members.MembershipEvent", "8", "Nguyễn Thị Hằng: Kết nạp", text),
                {"kind": AuditKind.UPDATE, "object_type": "x.Y", "object_id": 9, "after_text": text},
            ]
        )
    stored = list(AuditEntry.objects.order_by("-id")[:3])
    assert [entry.after for entry in stored] == [snapshot] * 3
    assert audit.verify_chain() is None


def test_the_values_after_are_stored_as_the_very_text_given():
    """The stored text of the values after is the text given (and hashed), byte for byte, marks, quotes,
    backslashes and control characters included; a row with no values after stores none."""
    from django.db import connection

    text = audit.serialized_sorted({"a": 'Nguyễn "Thị" \\ Hằng\t\n\x01', "b": "ỹ" * 300, "c": None})
    with acting(None, source="test"):
        audit.record_many(
            [
                (str(AuditKind.CREATE), "members.Member", "7", "Nguyễn Thị Hằng", text),
                (str(AuditKind.EVENT), "members.MembershipEvent", "8", "Đặng Văn Ơn", None),
                {"kind": AuditKind.UPDATE, "object_type": "x.Y", "object_id": 9, "after_text": text},
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT after FROM core_auditentry ORDER BY id DESC LIMIT 3")
        assert [row[0] for row in cursor.fetchall()] == [text, None, text]
    assert audit.verify_chain() is None
