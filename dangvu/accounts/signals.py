"""Logins and failed logins go to the audit trail (authentication events, not model writes)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from dangvu.core import audit
from dangvu.core.middleware import client_address
from dangvu.core.models import AuditKind

from .security import record_failed_login


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    audit.record(
        AuditKind.LOGIN,
        user,
        acting_user=user,
        after={"address": client_address(request) if request else ""},
        object_repr=user.username,
    )


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    record_failed_login(credentials.get("username", "") or "", client_address(request) if request else "")
