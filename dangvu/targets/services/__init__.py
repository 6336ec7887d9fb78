"""The actions of targets, ratings, emulation and commendations (Zulip-style): each validates, writes and
records the audit trail in one transaction, or refuses with Vietnamese messages and writes nothing. Pages,
the API, the demo loader and the command line call these and nothing else writes the models."""

from .commendations import delete_commendation, record_commendation, update_commendation
from .emulation import create_criterion, delete_criterion, record_scores, update_criterion
from .ratings import band_level, excellent_allowed, record_ratings, regulation, subjects
from .targets import create_target, delete_target, split_target, update_target

__all__ = [
    "band_level",
    "create_criterion",
    "create_target",
    "delete_commendation",
    "delete_criterion",
    "delete_target",
    "excellent_allowed",
    "record_commendation",
    "record_ratings",
    "record_scores",
    "regulation",
    "split_target",
    "subjects",
    "update_commendation",
    "update_criterion",
    "update_target",
]
