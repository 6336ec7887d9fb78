"""Writing and verifying the audit trail. Actions call `record()` inside their transaction."""

import datetime
import decimal
import itertools
import json
import operator
import types
import uuid

from django.db import models, transaction
from django.utils import timezone

from . import fastinsert
from .context import current
from .models import AuditEntry, AuditKind


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model) -> dict:
    """The concrete field values of a model instance as JSON-ready data (foreign keys as their ids)."""
    data = {}
    for f in obj._meta.concrete_fields:
        data[f.attname] = _plain(getattr(obj, f.attname))
    return data


def record(
    kind: str,
    obj: models.Model | None = None,
    *,
    before=None,
    after=None,
    acting_user=None,
    object_type: str = "",
    object_repr: str = "",
) -> AuditEntry:
    ctx = current()
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            kind=kind,
            user_id=getattr(acting_user, "pk", None) or ctx.user_id,
            username=getattr(acting_user, "username", "") or ctx.username,
            address=ctx.address,
            request_id=ctx.request_id,
            source=ctx.source,
            object_type=object_type or (obj._meta.label if obj is not None else ""),
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
            before=before,
            after=after,
            previous_hash=last or "",
        )
        entry.save()
        # `at` is set on save; the hash is computed over the stored values.
        entry.refresh_from_db(fields=["at"])
        entry.hash = entry.compute_hash()
        entry.save(update_fields=["hash"])
    return entry


def record_many(items, *, acting_user=None, batch_size: int = 5000) -> int:
    """Append many rows at once (bulk loads and imports), with the same fields and hash chain as `record()`.

    `items` are dicts of `record()`'s arguments: kind, obj, before, after, object_type, object_repr, and
    object_id for an object given without its instance. The rows are written in order, all with the same
    time, each hash computed over the stored values (`AuditEntry.compute_hash`) and linked to the row before
    it, so `verify_chain()` holds afterwards. Rows are streamed: `items` may be a generator. Returns the
    number of rows written."""
    ctx = current()
    user_id = getattr(acting_user, "pk", None) or ctx.user_id
    username = getattr(acting_user, "username", "") or ctx.username
    columns = [f.column for f in AuditEntry._meta.concrete_fields]
    stored_row = operator.itemgetter(*[f.attname for f in AuditEntry._meta.concrete_fields])
    written = 0
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").values_list("hash", flat=True).first()
        previous = last or ""
        at = _Time(timezone.now())
        stored_at = fastinsert.db_datetime(at.moment, model=AuditEntry)
        for batch in itertools.batched(items, batch_size):
            ids = fastinsert.allocate_ids(AuditEntry, len(batch))
            rows = []
            for entry_id, item in zip(ids, batch, strict=True):
                obj = item.get("obj")
                object_id = item.get("object_id")
                if object_id is None:
                    object_id = obj.pk if obj is not None else None
                after = item.get("after")
                row = _Row(
                    id=entry_id,
                    at=at,
                    kind=str(item["kind"]),
                    user_id=user_id,
                    username=username,
                    address=ctx.address,
                    request_id=ctx.request_id,
                    source=ctx.source,
                    object_type=item.get("object_type") or (obj._meta.label if obj is not None else ""),
                    object_id="" if object_id is None else str(object_id),
                    object_repr=(item.get("object_repr") or (str(obj) if obj is not None else ""))[:300],
                    before=item.get("before"),
                    after=after,
                    previous_hash=previous,
                )
                row.hash, after_text = _hash_and_after(row)
                previous = row.hash
                values = {**row.__dict__, "at": stored_at}
                values["before"] = fastinsert.db_json(row.before)
                values["after"] = after_text
                rows.append(stored_row(values))
            written += fastinsert.insert_rows(AuditEntry, columns, rows)
    return written


class _Row(types.SimpleNamespace):
    """An audit row before it is stored: hashed by the model's own `payload()`, so the chain has one
    definition."""

    payload = AuditEntry.payload
    compute_hash = AuditEntry.compute_hash


class _Time:
    """The rows' common time, as `payload()` reads it (`isoformat()`), formatted once."""

    def __init__(self, moment):
        self.moment = moment
        self.text = moment.isoformat()

    def isoformat(self):
        return self.text


class _Placeholder:
    """Stands for the `after` values in `payload()`, which writes it (json's default=str) as _MARKER."""

    def __str__(self):
        return _MARKER


_MARKER = "\x00dangvu-after\x00"
_MARKER_JSON = json.dumps(_MARKER, ensure_ascii=False)


def _hash_and_after(row: _Row) -> tuple[str, str | None]:
    """The row's hash and its `after` values as stored JSON text, serializing `after` once: `payload()` is
    run with a placeholder in its place, which is then replaced by the values serialized with the options
    `payload()` uses (sort_keys, ensure_ascii=False, default=str) — exactly what `payload()` would have
    written for them — and that text is also what the JSON column stores."""
    if row.after is None:
        return row.compute_hash(), None
    after_text = json.dumps(row.after, sort_keys=True, ensure_ascii=False, default=str)
    after, row.after = row.after, _Placeholder()
    try:
        text = row.payload()
    finally:
        row.after = after
    if text.count(_MARKER_JSON) != 1:  # a value that happens to hold the marker: the plain way
        return row.compute_hash(), after_text
    payload = text.replace(_MARKER_JSON, after_text)
    return AuditEntry.compute_hash(types.SimpleNamespace(payload=lambda: payload)), after_text


def verify_chain() -> AuditEntry | None:
    """The first entry whose hash or link is wrong, or None when the whole chain holds."""
    previous = ""
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.previous_hash != previous or entry.compute_hash() != entry.hash:
            return entry
        previous = entry.hash
    return None


__all__ = ["AuditKind", "record", "record_many", "snapshot", "verify_chain"]
