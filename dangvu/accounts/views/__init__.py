"""Account pages: two-factor authentication for everybody; users, roles and the audit trail for those whose
roles allow it."""

from .audit import audit_detail, audit_list, audit_verify
from .roles import role_add, role_delete, role_edit, role_list
from .two_factor import SESSION_KEY, two_factor, two_factor_setup
from .users import (
    user_activate,
    user_add,
    user_deactivate,
    user_detail,
    user_edit,
    user_list,
    user_password,
    user_token,
    user_token_revoke,
    user_two_factor_reset,
    user_unlock,
)

__all__ = [
    "SESSION_KEY",
    "audit_detail",
    "audit_list",
    "audit_verify",
    "role_add",
    "role_delete",
    "role_edit",
    "role_list",
    "two_factor",
    "two_factor_setup",
    "user_activate",
    "user_add",
    "user_deactivate",
    "user_detail",
    "user_edit",
    "user_list",
    "user_password",
    "user_token",
    "user_token_revoke",
    "user_two_factor_reset",
    "user_unlock",
]
