"""The server-rendered pages (see urls.py): the dashboard (home), the tree, organizations, members."""

from .dashboard import dashboard
from .home import tree
from .members import (
    member_add,
    member_detail,
    member_edit,
    member_event_add,
    member_event_correct,
    member_list,
    member_reveal,
)
from .organizations import (
    organization_action,
    organization_autocomplete,
    organization_detail,
    organization_event_void,
    organization_list,
)

__all__ = [
    "dashboard",
    "member_add",
    "member_detail",
    "member_edit",
    "member_event_add",
    "member_event_correct",
    "member_list",
    "member_reveal",
    "organization_action",
    "organization_autocomplete",
    "organization_detail",
    "organization_event_void",
    "organization_list",
    "tree",
]
