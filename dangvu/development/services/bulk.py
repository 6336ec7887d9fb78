"""Recording many candidates' histories at once (the demo loader): the same actions, the same checks, the
writes kept in memory and written together.

Inside `in_bulk()` the actions of this package run unchanged — each step is checked by `workflow.check`
against the candidate's steps so far and the rules of its date, exactly as in use — but what they write
(candidates, steps, their introductions, the audit rows) is kept in memory and written in bulk
(`core.fastinsert`, `core.audit.record_many`) by `Bulk.flush()` and when the block ends: the same rows, their
ids taken beforehand, the audit rows chained as one by one. The actions read back what is kept: a
candidate's steps (`step_data`), the open candidates with a national ID, the admissions already linked.

Use it inside a transaction. Nothing more is written if the block raises (rows flushed before are taken back
with the caller's transaction). A caller that rolls a savepoint back rolls the kept writes back with
`mark()` / `rollback(mark)`; the savepoint must hold whole candidates' histories (begun after the mark).
Only the recording actions are supported: proposing, the steps, the links to the member registry, stopping
and reassigning — not `update_candidate` or `void_step` of a candidate kept in memory.
"""

import contextvars
import datetime
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import router
from django.utils import timezone

from dangvu.core import audit, fastinsert

from ..choices import StepKind
from ..models import Candidate, CandidateStep, Introduction
from ..workflow import StepData

_current: contextvars.ContextVar["Bulk | None"] = contextvars.ContextVar("development_bulk", default=None)
CLOSED = (StepKind.STOPPED, StepKind.RECOGNIZED)


def current() -> "Bulk | None":
    """The `Bulk` of the enclosing `in_bulk()` block, if any."""
    return _current.get()


@contextmanager
def in_bulk(acting_user=None):
    """Keep the writes of the development actions run inside and write them together (module docstring)."""
    if _current.get() is not None:
        raise RuntimeError("in_bulk() blocks do not nest")
    bulk = Bulk(acting_user)
    token = _current.set(bulk)
    try:
        yield bulk
    finally:
        _current.reset(token)
    bulk.flush()


class _Ids:
    """New primary keys of a table, taken a block at a time before the rows exist."""

    BLOCK = 1000

    def __init__(self, model):
        self.model = model
        self.free: list[int] = []
        self.last = 0

    def next(self) -> int:
        if not self.free:
            # On SQLite the table's highest id does not move while the rows wait: go on after the last one.
            block = [i for i in fastinsert.allocate_ids(self.model, self.BLOCK) if i > self.last]
            self.free = block or list(range(self.last + 1, self.last + 1 + self.BLOCK))
            self.free.reverse()
        self.last = self.free.pop()
        return self.last


@dataclass(frozen=True)
class Mark:
    candidates: int
    steps: int
    introductions: int
    audit: int


class Bulk:
    def __init__(self, acting_user=None):
        self.acting_user = acting_user
        self.now = timezone.now()
        self.candidates: list[Candidate] = []
        self.steps: list[CandidateStep] = []
        self.introductions: list[Introduction] = []
        self.audit: list[dict] = []  # record_audit()'s rows, written by core.audit.record_many()
        self.ids = {Candidate: _Ids(Candidate), CandidateStep: _Ids(CandidateStep)}
        self._index()

    def _index(self):
        self.pending: dict[int, Candidate] = {c.pk: c for c in self.candidates}
        self.by_national_id: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in self.candidates:
            self.by_national_id[candidate.national_id].append(candidate)
        self.steps_of: dict[int, list[CandidateStep]] = defaultdict(list)
        self.linked: set[int] = set()
        for step in self.steps:
            self._index_step(step)

    def _index_step(self, step: CandidateStep):
        self.steps_of[step.candidate_id].append(step)
        if step.membership_event_id is not None and step.voided_at is None:
            self.linked.add(step.membership_event_id)

    # What the actions write ---------------------------------------------------------------------------

    def save_candidate(self, candidate: Candidate, update_fields=None):
        if candidate.pk is None:
            candidate.pk = self.ids[Candidate].next()
            candidate.created_at = candidate.updated_at = self.now
            self.candidates.append(candidate)
            self.pending[candidate.pk] = candidate
            self.by_national_id[candidate.national_id].append(candidate)
        elif candidate.pk in self.pending:
            candidate.updated_at = self.now
        else:
            candidate.save(update_fields=update_fields)

    def add_step(self, step: CandidateStep, introductions: list[Introduction]):
        step.pk = self.ids[CandidateStep].next()
        step.created_at = step.updated_at = self.now
        for introduction in introductions:
            introduction.step_id = step.pk
        self.steps.append(step)
        self.introductions.extend(introductions)
        self._index_step(step)

    # What the actions read back ------------------------------------------------------------------------

    def step_data(self, candidate_id: int) -> list[StepData]:
        """The kept steps of a candidate, in the order they were recorded (their date order)."""
        return [StepData.of(step) for step in self.steps_of.get(candidate_id, []) if step.voided_at is None]

    def open_candidate(self, national_id: str, exclude: Candidate | None = None) -> Candidate | None:
        for candidate in self.by_national_id.get(national_id, []):
            if candidate.stage not in CLOSED and (exclude is None or candidate.pk != exclude.pk):
                return candidate
        return None

    def is_linked(self, event_id: int) -> bool:
        return event_id in self.linked

    # Savepoints and writing ----------------------------------------------------------------------------

    def mark(self) -> Mark:
        return Mark(len(self.candidates), len(self.steps), len(self.introductions), len(self.audit))

    def rollback(self, mark: Mark):
        """Forget what was kept since `mark` (the caller rolled the matching savepoint back)."""
        dropped = {candidate.pk for candidate in self.candidates[mark.candidates :]}
        if any(step.candidate_id not in dropped for step in self.steps[mark.steps :]):
            raise RuntimeError("a rolled-back bulk savepoint must hold whole candidates' histories")
        del self.candidates[mark.candidates :]
        del self.steps[mark.steps :]
        del self.introductions[mark.introductions :]
        del self.audit[mark.audit :]
        self._index()

    def flush(self):
        """Write what is kept (inside the caller's transaction) and start afresh."""
        _insert(Candidate, self.candidates)
        _insert(CandidateStep, self.steps)
        Introduction.objects.bulk_create(self.introductions, batch_size=2000)
        audit.record_many(self.audit, acting_user=self.acting_user)
        for obj in (*self.candidates, *self.steps):
            obj._state.adding = False
            obj._state.db = router.db_for_write(type(obj))
        self.candidates, self.steps, self.introductions, self.audit = [], [], [], []
        self._index()


def _insert(model, objects: list):
    fields = model._meta.concrete_fields
    rows = []
    for obj in objects:
        row = []
        for f in fields:
            value = getattr(obj, f.attname)
            if isinstance(value, datetime.datetime):
                value = fastinsert.db_datetime(value, model=model)
            elif isinstance(value, str):
                value = str(value)  # choices enums as plain text
            row.append(value)
        rows.append(tuple(row))
    if rows:
        fastinsert.insert_rows(model, [f.column for f in fields], rows)
