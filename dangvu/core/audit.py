"""Writing and verifying the audit trail. Actions call `record()` inside their transaction."""

import datetime
import decimal
import hashlib
import itertools
import json
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
    object_id for an object given without its instance; `after_text` instead of `after` gives the values
    after already serialized by `serialized()` (the importer's worker process prepares them). An item may
    also be a plain tuple (kind, object_type, object_id, object_repr, after_text), the texts as `str`: the
    rows of a bulk load, sent between processes. The rows are written in order, all with the same
    time, each hash computed over the stored values (`AuditEntry.compute_hash`) and linked to the row before
    it, so `verify_chain()` holds afterwards. Rows are streamed: `items` may be a generator. Returns the
    number of rows written."""
    ctx = current()
    user_id = getattr(acting_user, "pk", None) or ctx.user_id
    username = getattr(acting_user, "username", "") or ctx.username
    columns = [AuditEntry._meta.get_field(name).column for name in _STORED]
    written = 0
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").values_list("hash", flat=True).first()
        previous = last or ""
        at = _Time(timezone.now())
        stored_at = fastinsert.db_datetime(at.moment, model=AuditEntry)
        shared = {
            "user_id": user_id,
            "username": username,
            "address": ctx.address,
            "request_id": ctx.request_id,
            "source": ctx.source,
        }
        payload = _Payload(at=at.text, **shared)
        common = (stored_at, user_id, username, ctx.address, ctx.request_id, ctx.source)
        labels: dict[type, str] = {}
        for batch in itertools.batched(items, batch_size):
            ids = fastinsert.allocate_ids(AuditEntry, len(batch))
            rows = []
            for entry_id, item in zip(ids, batch, strict=True):
                if type(item) is tuple:
                    kind, object_type, object_id, object_repr, after_text = item
                    object_repr = object_repr[:300]  # as for the other rows
                    digest, _same = payload.hash_and_after(
                        kind, object_type, object_id, object_repr, None, None, previous, after_text
                    )
                    if digest is None:
                        raise TypeError(f"an audit row's texts must be str: {item[:4]!r}")
                    rows.append((entry_id, *common, kind, object_type, object_id, object_repr, None, after_text,
                                 previous, digest))  # fmt: skip
                    previous = digest
                    continue
                obj = item.get("obj")
                object_id = item.get("object_id")
                if object_id is None:
                    object_id = obj.pk if obj is not None else None
                object_type = item.get("object_type")
                if not object_type and obj is not None:
                    object_type = labels.get(type(obj))
                    if object_type is None:
                        object_type = labels[type(obj)] = obj._meta.label
                kind = str(item["kind"])
                object_id = "" if object_id is None else str(object_id)
                object_repr = (item.get("object_repr") or (str(obj) if obj is not None else ""))[:300]
                before = item.get("before")
                after = item.get("after")
                given = item.get("after_text")
                digest, after_text = payload.hash_and_after(
                    kind, object_type or "", object_id, object_repr, before, after, previous, given
                )
                if digest is None:  # a field that is not plain text: through the model's own payload()
                    if given is not None:
                        after = json.loads(given)
                    row = _Row(
                        at=at, kind=kind, **shared, object_type=object_type or "", object_id=object_id,
                        object_repr=object_repr, before=before, after=after, previous_hash=previous,
                    )  # fmt: skip
                    digest, after_text = _hash_and_after(row)
                rows.append(
                    (
                        entry_id,
                        *common,
                        kind,
                        object_type or "",
                        object_id,
                        object_repr,
                        None if before is None else fastinsert.db_json(before),
                        after_text,
                        previous,
                        digest,
                    )
                )
                previous = digest
            written += fastinsert.insert_rows(AuditEntry, columns, rows)
    return written


# The stored columns in the order record_many() builds its rows.
_STORED = (
    "id", "at", "user_id", "username", "address", "request_id", "source", "kind", "object_type", "object_id",
    "object_repr", "before", "after", "previous_hash", "hash",
)  # fmt: skip
assert set(_STORED) == {f.attname for f in AuditEntry._meta.concrete_fields}


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


_ENCODE = json.encoder.encode_basestring  # what json.dumps(text, ensure_ascii=False) writes for a string
# json.dumps(value, sort_keys=True, ensure_ascii=False, default=str), as `payload()` writes a value, with the
# encoder made once instead of for each value (the same output: the options are the same).
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)
# For a dictionary, what _ENCODER.encode() runs, made once: its C encoder (None without the C accelerator),
# without the check for circular references (snapshots are flat data).
_C_ENCODER = json.encoder.c_make_encoder and json.encoder.c_make_encoder(
    None, str, _ENCODE, None, ": ", ", ", True, False, True
)


def _dumps(value) -> str:
    """As `payload()` writes a value (and the values after of an entry are stored)."""
    if _C_ENCODER is not None and type(value) is dict:
        return "".join(_C_ENCODER(value, 0))
    return _ENCODER.encode(value)


class _Payload:
    """`payload()` of the rows of one `record_many()` call, written without building each row's dictionary:
    the fields every row shares (time, user, address, request, source) are serialized once, the others
    (kind, object, before, after, previous hash) per row, in `payload()`'s key order with its separators — so
    the text is exactly `payload()`'s (the tests check the chain with `verify_chain()`, which uses it)."""

    def __init__(self, **shared):
        text = {name: _dumps(value) for name, value in shared.items()}
        self.head = '{"address": ' + text["address"] + ', "after": '
        self.at = ', "at": ' + text["at"] + ', "before": '
        self.tail = (
            ', "request_id": ' + text["request_id"] + ', "source": ' + text["source"] + ', "user_id": '
            + text["user_id"] + ', "username": ' + text["username"] + "}"
        )  # fmt: skip

    def hash_and_after(
        self, kind, object_type, object_id, object_repr, before, after, previous_hash, after_text=None
    ) -> tuple[str | None, str | None]:
        """The row's hash and its `after` values as stored JSON text (`after` serialized once, or given
        serialized as `after_text`); no hash when one of the text fields is not a plain `str` (the caller
        then goes through `payload()`)."""
        if not (
            type(kind) is str
            and type(object_type) is str
            and type(object_id) is str
            and type(object_repr) is str
            and type(previous_hash) is str
        ):
            return None, None
        if after_text is None and after is not None:
            after_text = _dumps(after)
        text = "".join(
            (
                self.head,
                "null" if after_text is None else after_text,
                self.at,
                "null" if before is None else _dumps(before),
                ', "kind": ',
                _ENCODE(kind),
                ', "object_id": ',
                _ENCODE(object_id),
                ', "object_repr": ',
                _ENCODE(object_repr),
                ', "object_type": ',
                _ENCODE(object_type),
                ', "previous_hash": ',
                _ENCODE(previous_hash),
                self.tail,
            )
        )
        return hashlib.sha256(text.encode()).hexdigest(), after_text


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


serialized = _dumps
ENCODE_TEXT = _ENCODE  # a string as `serialized()` writes it

# The same C encoder without sorting: for dictionaries whose keys are already in sorted order.
_C_ENCODER_IN_ORDER = json.encoder.c_make_encoder and json.encoder.c_make_encoder(
    None, str, _ENCODE, None, ": ", ", ", False, False, True
)


def serialized_sorted(value: dict) -> str:
    """`serialized(value)` for a dictionary whose keys are in sorted order already (bulk loads build their
    snapshots so): the same text, without sorting the keys again."""
    if _C_ENCODER_IN_ORDER is None:
        return _dumps(value)
    return "".join(_C_ENCODER_IN_ORDER(value, 0))


__all__ = [
    "AuditKind",
    "record",
    "record_many",
    "serialized",
    "serialized_sorted",
    "snapshot",
    "verify_chain",
]
