"""The pages of targets and progress, the annual quality rating, emulation and commendations (urls.py)."""

from .commendations import commendation_add, commendation_delete, commendation_detail, commendation_list
from .emulation import criterion_add, criterion_delete, criterion_edit, criterion_scores, ranking_page
from .ratings import rating_entry, rating_entry_start, rating_list
from .targets import target_add, target_delete, target_detail, target_edit, target_list, target_split

__all__ = [
    "commendation_add",
    "commendation_delete",
    "commendation_detail",
    "commendation_list",
    "criterion_add",
    "criterion_delete",
    "criterion_edit",
    "criterion_scores",
    "ranking_page",
    "rating_entry",
    "rating_entry_start",
    "rating_list",
    "target_add",
    "target_delete",
    "target_detail",
    "target_edit",
    "target_list",
    "target_split",
]
