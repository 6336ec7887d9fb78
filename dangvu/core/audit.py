"""Writing and verifying the audit trail. Actions call `record()` inside their transaction."""

import datetime
import decimal
import uuid

from django.db import connections, models, transaction

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


def record_many(items, *, acting_user=None, batch_size: int = 500) -> list[AuditEntry]:
    """Append many rows at once (bulk loads and imports), with the same fields and hash chain as `record()`.

    `items` are dicts of `record()`'s arguments: kind, obj, before, after, object_type, object_repr. The rows
    are inserted in order; their hashes are computed over the stored values (`at` is set on insert) and
    linked to the last row before them, so `verify_chain()` holds afterwards."""
    ctx = current()
    user_id = getattr(acting_user, "pk", None) or ctx.user_id
    username = getattr(acting_user, "username", "") or ctx.username
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").values_list("hash", flat=True).first()
        entries = []
        for item in items:
            obj = item.get("obj")
            entries.append(
                AuditEntry(
                    kind=item["kind"],
                    user_id=user_id,
                    username=username,
                    address=ctx.address,
                    request_id=ctx.request_id,
                    source=ctx.source,
                    object_type=item.get("object_type") or (obj._meta.label if obj is not None else ""),
                    object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
                    object_repr=(item.get("object_repr") or (str(obj) if obj is not None else ""))[:300],
                    before=item.get("before"),
                    after=item.get("after"),
                )
            )
        if not entries:
            return []
        # Insert first: `at` (auto_now_add) and the ids are set on the instances by the insert.
        AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
        previous = last or ""
        links = []
        for entry in entries:
            entry.previous_hash = previous
            entry.hash = entry.compute_hash()
            previous = entry.hash
            links.append((entry.previous_hash, entry.hash, entry.pk))
        # One prepared statement for all rows: much faster than bulk_update's CASE expressions.
        connection = connections[AuditEntry.objects.db]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(AuditEntry._meta.db_table)} SET {quote('previous_hash')} = %s, "
                f"{quote('hash')} = %s WHERE {quote('id')} = %s",
                links,
            )
    return entries


def verify_chain() -> AuditEntry | None:
    """The first entry whose hash or link is wrong, or None when the whole chain holds."""
    previous = ""
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.previous_hash != previous or entry.compute_hash() != entry.hash:
            return entry
        previous = entry.hash
    return None


__all__ = ["AuditKind", "record", "record_many", "snapshot", "verify_chain"]
