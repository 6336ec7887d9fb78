"""A first import of a large file on two processors: the members are checked in a worker process while the
importing process writes.

Only when it cannot change what the import does: the member tables are empty (nobody is looked up, nothing
recorded is changed), the sheet "Đảng viên" has at least `settings.DANGVU_IMPORT_PARALLEL_ROWS` rows, the
machine has two processors or more, and the system can fork. Otherwise `MemberSheets` does everything itself.

The worker is a fork of the importing process taken after the organizations are written: it holds the same
history, organization codes and rules (read beforehand: `rules.preload`), and the sheets "Biến động" and
"Đảng viên" themselves, which calamine has read whole. It reads "Biến động" first
(`MemberSheets._read_ledger`; its problems go with the first answer, and the ledgers of members not on
"Đảng viên" with the last), then runs the very same `MemberSheets` code on the rows of "Đảng viên", a piece
at a time: parsing, `MemberBatch.validate` (the forms' cleaning and `ledger.replay`), the agreement of each
ledger with its row. For every valid chunk it numbers the new members and events from counters started by
the importing process (`fastinsert.IdCounter`). The process that has less to do builds the rows
(`MemberBatch.build`): on PostgreSQL the importing process, from what the worker sends as plain values
(`Prepared.shipped`); on SQLite, where the importing process does the database's work too, the worker. The
worker never uses the database: its copy of the connection belongs to the importing process, and a query
there would fail the import (the guard below). The importing process writes the rows of each chunk, in order
(`MemberBatch.store`: the inserts, the audit values serialized from the rows and the audit trail's hash
chain), keeps the problems, the counts and the progress, and so stays in one transaction: a file with a
problem anywhere is written nowhere.
"""

import gc
import itertools
import multiprocessing
import os
import pickle
import queue
import traceback
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from dangvu.core import fastinsert, rules
from dangvu.members.bulk import Prepared
from dangvu.members.models import Member, MembershipEvent

from .organizations import Counts

PIECE = 2000  # rows of "Đảng viên" checked and sent back at a time
AHEAD = 3  # pieces checked and not yet written, at most (bounds the memory of both processes)
WAIT = 1.0  # seconds between checks that the worker still runs, while waiting for it
COLLECT_EVERY = 10  # pieces between two garbage collections (_collect)


def processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def suits(sheets, sheet) -> bool:
    """Whether this import goes through a worker process (module docstring)."""
    rows = sheet.height - sheet.header_row
    return (
        not sheets.recorded
        and rows >= settings.DANGVU_IMPORT_PARALLEL_ROWS
        and processors() >= 2
        and "fork" in multiprocessing.get_all_start_methods()
    )


def builds_in_worker() -> bool:
    """Who builds the rows (`MemberBatch.build`): the process that has less to do. On PostgreSQL the server
    writes and the worker checks, so the importing process; on SQLite the importing process writes, so the
    worker."""
    return connection.vendor != "postgresql"


@dataclass
class Piece:
    """What the worker sends back for a piece of rows."""

    problems: list  # the importer's problems it found
    # Of each chunk, to write in order: its MemberBatch.build() result, or (builds_in_worker() false) what to
    # build it from: (member ids, event ids, Prepared.shipped() of each member).
    rows: list
    members: Counts  # the counts so far
    events: Counts
    done: int  # rows checked so far
    end: dict = field(default_factory=dict)  # after the last piece: seen, broken, next ids


class WorkerFailed(RuntimeError):
    pass


def _refuse(execute, sql, params, many, context):
    raise WorkerFailed("the import's worker process must not use the database: " + sql[:200])


def run(sheets, records):
    """Check and write the rows of "Đảng viên" (`records`: (row number, cells), not started) as
    `MemberSheets.stream()` and `flush()` would, with a worker process. The worker reads them itself: the
    sheet is in memory before the fork (calamine reads a sheet whole), so the importing process only writes."""
    importer = sheets.importer
    member_ids = fastinsert.IdCounter(Member)
    event_ids = fastinsert.IdCounter(MembershipEvent)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    # A piece is checked only while fewer than AHEAD are waiting to be written (bounds both memories).
    slots = context.Semaphore(AHEAD)
    # Everything made so far (the history, the ledger rows, the rules) is set aside from the garbage collector
    # until the rows are written: the worker then shares these pages instead of copying the ones the collector
    # would touch, and in the importing process the collections of the rows coming and going no longer go
    # through them each time (they took about a tenth of its time).
    build_in_worker = builds_in_worker()
    worker = None
    collecting = False
    try:
        with rules.cached():  # the worker starts inside, with the rules read
            rules.preload()
            gc.collect()
            gc.freeze()
            worker = context.Process(
                target=_work,
                args=(sheets, records, member_ids, event_ids, slots, results, build_in_worker),
                name="dangvu-import",
                daemon=True,
            )
            worker.start()
        # The rows built and written go as they came (no reference cycles): as in the worker, one collection
        # every COLLECT_EVERY pieces instead of the automatic ones, which went through what stays to the end
        # (the names' sort keys, the dates shown) again and again.
        collecting = gc.isenabled()
        gc.disable()
        count = 0
        while True:
            got = _get(results, worker)
            count += 1
            _collect(count)
            importer.problems += got.problems
            for rows in got.rows:
                if not importer.problems and not importer.dry_run:
                    if not build_in_worker:
                        numbers_of_members, numbers_of_events, shipped = rows
                        prepared = [Prepared.received(item) for item in shipped]
                        rows = sheets.batch.build(prepared, numbers_of_members, numbers_of_events)
                    sheets.batch.store(rows)
            slots.release()
            sheets.members, sheets.events = got.members, got.events
            importer.tick(got.done)
            if got.end:
                break
        sheets.seen = got.end["seen"]
        sheets.broken = got.end["broken"]
        sheets.ledger = got.end["ledger"]
        if not importer.problems and not importer.dry_run:
            member_ids.settle(got.end["member_id"] - 1)
            event_ids.settle(got.end["event_id"] - 1)
        worker.join()
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
        if worker is not None and worker.is_alive():
            worker.kill()
            worker.join()
        results.close()


def _collect(count: int):
    """Both processes run without automatic garbage collection (what they make for a piece goes with it, and
    those collections went through what stays to the end again and again): one every COLLECT_EVERY pieces,
    what survives it set aside so that the next ones do not look at it again."""
    if count % COLLECT_EVERY == 0:
        gc.collect()
        gc.freeze()


def _get(results, worker) -> Piece:
    while True:
        try:
            got = results.get(timeout=WAIT)
        except queue.Empty:
            if not worker.is_alive():
                raise WorkerFailed(
                    f"the import's worker process stopped (exit code {worker.exitcode})"
                ) from None
            continue
        if isinstance(got, str):
            raise WorkerFailed("the import's worker process failed:\n" + got)
        return pickle.loads(got)


def _work(sheets, records, member_ids, event_ids, slots, results, build_here):
    """The worker process (module docstring)."""
    # The rows checked make no reference cycles that outlive their piece (a problem's exception may): the
    # automatic collections, a tenth of the worker's time, give way to one every COLLECT_EVERY pieces, each
    # through what the pieces since the one before left only (gc.freeze: the rest is set aside).
    gc.disable()
    try:
        connection.execute_wrappers.append(_refuse)
        importer = sheets.importer
        importer.progress = None  # the importing process reports the progress
        built = []

        def builder(prepared):
            events = sum(len(item.events) for item in prepared)
            numbers = (member_ids.take(len(prepared)), event_ids.take(events))
            if build_here:
                built.append(sheets.batch.build(prepared, *numbers))
            else:
                built.append((*numbers, [item.shipped() for item in prepared]))

        sheets.builder = builder
        parent = os.getppid()
        mark = len(importer.problems)
        sheets.ledger = sheets._read_ledger()  # its problems go with the first answer
        gc.freeze()  # what stays to the end (the ledger rows) is not looked through by each collection
        pieces = itertools.batched(records, PIECE)
        count = 0
        while True:
            while not slots.acquire(timeout=WAIT):
                if os.getppid() != parent:  # the importing process is gone
                    return
            piece = next(pieces, None)
            count += 1
            _collect(count)
            if piece is None:
                sheets.flush()
            else:
                sheets.stream(piece)
            answer = Piece(
                importer.problems[mark:],
                built[:],
                sheets.members,  # the counts so far: pickled below, before they change
                sheets.events,
                sheets.done,
            )
            built.clear()
            mark = len(importer.problems)
            if piece is None:
                answer.end = {
                    "seen": sheets.seen,
                    "broken": sheets.broken,
                    # The ledgers of members not on "Đảng viên" (the importing process checks them).
                    "ledger": {
                        national_id: lines
                        for national_id, lines in sheets.ledger.items()
                        if national_id not in sheets.seen and national_id not in sheets.broken
                    },
                    "member_id": member_ids.next,
                    "event_id": event_ids.next,
                }
            # Pickled here with the pickle module's own pickler, a quarter quicker than the queue's
            # (multiprocessing's ForkingPickler, with its table of reducers), which then only copies bytes.
            results.put(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
            if piece is None:
                break
    except BaseException:
        results.put(traceback.format_exc())
    results.close()
    results.join_thread()
