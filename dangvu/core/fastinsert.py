"""Writing hundreds of thousands of rows at once: COPY on PostgreSQL, INSERTs of many rows each elsewhere.

The ORM's `bulk_create` spends most of its time preparing every value of every object, one field at a
time; the bulk paths (the Excel importer, the demo loader, the audit rows they write) give plain values
instead, already in the form the database stores — dates, numbers, text, booleans, JSON as text — and take
the new rows' ids beforehand with `allocate_ids()` where they need them (the audit rows name the objects).

Call these inside `transaction.atomic()`: on SQLite the write lock is held from the start of the
transaction (settings: transaction_mode IMMEDIATE), so the ids handed out cannot be taken by another writer;
on PostgreSQL they come from the table's sequence.
"""

import datetime
import itertools
import json
from collections.abc import Iterable, Sequence

from django.db import connections, router


def _connection(model, using):
    return connections[using or router.db_for_write(model)]


def db_datetime(value: datetime.datetime, *, model=None, using=None):
    """An aware datetime as the database stores it (SQLite keeps naive UTC text)."""
    return _connection(model, using).ops.adapt_datetimefield_value(value)


def db_json(value) -> str | None:
    """A JSON field's value as text (None stays SQL NULL, as the ORM writes it)."""
    return None if value is None else json.dumps(value)


def allocate_ids(model, count: int, *, using=None) -> list[int]:
    """`count` new primary keys of `model`'s table, in increasing order."""
    if count <= 0:
        return []
    connection = _connection(model, using)
    table = model._meta.db_table
    pk = model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if connection.in_atomic_block:
                # The whole block in one step of the sequence (its increment is 1), under a lock that keeps
                # the table's other writers, whose rows take their ids from the same sequence, waiting until
                # the transaction ends (readers are not held up); one nextval() per id costs a few µs each.
                cursor.execute(f"LOCK TABLE {quote(table)} IN EXCLUSIVE MODE")
                cursor.execute(
                    "SELECT setval(seq, nextval(seq) + %s - 1) FROM pg_get_serial_sequence(%s, %s) AS seq",
                    [count, table, pk],
                )
                last = cursor.fetchone()[0]
                return list(range(last - count + 1, last + 1))
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        # SQLite (AUTOINCREMENT): above both the highest id and the highest id ever handed out.
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"COALESCE((SELECT MAX({quote(pk)}) FROM {quote(table)}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


class IdCounter:
    """New primary keys of `model`'s table handed out by the process itself, for rows written later (the
    importer's worker process numbers the rows it prepares while earlier ones are still being written): the
    first is taken from the table (`allocate_ids`), the next ones follow it; `settle()` then moves the
    table's sequence past the last one handed out (PostgreSQL; SQLite follows the highest id written). Inside
    the transaction that writes the rows, which on both databases keeps other writers of the table waiting."""

    def __init__(self, model, *, using=None):
        self.model = model
        self.using = using
        self.next = allocate_ids(model, 1, using=using)[0]
        self.first = self.next

    def take(self, count: int) -> list[int]:
        block = list(range(self.next, self.next + count))
        self.next += count
        return block

    def settle(self, last: int):
        """Move the sequence past `last`, the last id used (a copy of the counter may have handed it out)."""
        connection = _connection(self.model, self.using)
        if connection.vendor != "postgresql" or last < self.first:
            return
        with connection.cursor() as cursor:
            # The sequence stands at `first` (allocate_ids took it under the table's lock, held since).
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                [self.model._meta.db_table, self.model._meta.pk.column, last],
            )


def insert_rows(
    model, columns: Sequence[str], rows: Iterable[Sequence], *, using=None, batch_size: int = 5000
) -> int:
    """Insert `rows` (tuples in the order of `columns`, database column names) into `model`'s table."""
    connection = _connection(model, using)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    written = 0
    with connection.cursor() as cursor:
        raw = getattr(cursor, "cursor", None)
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):
            types = _column_types(cursor, table, columns)
            # The binary format: psycopg writes each value by its column's type, without turning dates,
            # numbers and text into escaped text, and the server reads them without parsing (about five times
            # less work on both sides for the member tables). JSON columns take their value as text, which
            # the binary format does not: those tables go in text.
            binary = not any(oid in _JSON_TYPES for oid in types)
            sql = f"COPY {table} ({names}) FROM STDIN" + (" (FORMAT BINARY)" if binary else "")
            with raw.copy(sql) as copy:
                if binary:
                    copy.set_types(types)
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        values = "(" + ", ".join(["%s"] * len(columns)) + ")"
        single = f"INSERT INTO {table} ({names}) VALUES {values}"
        # Many rows to a statement: what each statement costs besides its rows (on SQLite, running it again,
        # and the AUTOINCREMENT sequence read and written) is then shared by `per` rows — about half the time.
        per = max(1, min(ROWS_PER_STATEMENT, (connection.features.max_query_params or 0) // len(columns)))
        several = f"INSERT INTO {table} ({names}) VALUES {', '.join([values] * per)}"
        chain = itertools.chain.from_iterable
        for batch in itertools.batched(rows, batch_size):
            whole = len(batch) - len(batch) % per if per > 1 else 0  # the rows that fill statements
            if whole:
                cursor.executemany(several, [tuple(chain(batch[i : i + per])) for i in range(0, whole, per)])
            if whole < len(batch):
                cursor.executemany(single, batch[whole:])
            written += len(batch)
    return written


ROWS_PER_STATEMENT = 50  # rows written by one INSERT where COPY is not available (insert_rows)


_JSON_TYPES = {114, 3802}  # PostgreSQL's json and jsonb


def _column_types(cursor, table: str, columns: Sequence[str]) -> list[int]:
    """The PostgreSQL type (oid) of each of `columns` of `table` (its name quoted)."""
    cursor.execute(
        "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
        "AND NOT attisdropped",
        [table],
    )
    found = dict(cursor.fetchall())
    return [int(found[column]) for column in columns]
