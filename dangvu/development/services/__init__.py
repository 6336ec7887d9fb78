"""Actions of member development (Zulip-style): each checks the step against the candidate's steps so far
and the dated party rules (`workflow.check`), writes the step and its audit row in one transaction, and
refuses with a Vietnamese message that says what to fix — writing nothing — when a rule is not met. Pages,
the API, the command line and the demo loader all call these (`from dangvu.development import services`).

- candidates.py: proposing a candidate, correcting the record; the machinery every step shares.
- steps.py: each step up to recognition (admission creates the member: see its docstring), `record_step`
  for the API and forms, `void_step`.
- core_cell.py: founding an enterprise's cell out of the core cell.
- holidays.py, reminders.py: the holiday calendar; the daily reminders.
- bulk.py: `in_bulk()`, where the same actions keep their writes to write them together (the demo loader).
"""

from .bulk import in_bulk
from .candidates import effective_steps, propose_candidate, step_data, update_candidate
from .core_cell import FoundCell, found_cell_from_core
from .holidays import add_holiday, remove_holiday
from .reminders import mark_notification_read, record_reminders
from .steps import (
    RECORDERS,
    STEP_FIELDS,
    correct_introduction,
    link_recorded_admission,
    link_recorded_recognition,
    reassign_candidate,
    record_admission,
    record_application,
    record_cell_vote,
    record_ceremony,
    record_committee_agreement,
    record_introduction,
    record_probation_review,
    record_recognition,
    record_step,
    record_training,
    record_verification,
    stop_candidate,
    void_step,
)

__all__ = [
    "RECORDERS",
    "STEP_FIELDS",
    "FoundCell",
    "add_holiday",
    "correct_introduction",
    "effective_steps",
    "found_cell_from_core",
    "in_bulk",
    "link_recorded_admission",
    "link_recorded_recognition",
    "mark_notification_read",
    "propose_candidate",
    "reassign_candidate",
    "record_admission",
    "record_application",
    "record_cell_vote",
    "record_ceremony",
    "record_committee_agreement",
    "record_introduction",
    "record_probation_review",
    "record_recognition",
    "record_reminders",
    "record_step",
    "record_training",
    "record_verification",
    "remove_holiday",
    "step_data",
    "stop_candidate",
    "update_candidate",
    "void_step",
]
