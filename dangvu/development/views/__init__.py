"""The member-development pages (see urls.py): the board of candidates by step, a candidate with the
timeline of steps and the form for the next one, adding a candidate, voiding a step, the to-do list and the
funnel. Every write is a `dangvu.development.services` action."""

from .candidates import (
    candidate_add,
    candidate_detail,
    candidate_edit,
    candidate_reveal,
    candidate_step,
    step_void,
)
from .funnel import funnel
from .lists import board, todo

__all__ = [
    "board",
    "candidate_add",
    "candidate_detail",
    "candidate_edit",
    "candidate_reveal",
    "candidate_step",
    "funnel",
    "step_void",
    "todo",
]
