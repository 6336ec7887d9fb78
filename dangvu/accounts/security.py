"""Lock-out after repeated failed logins (per account and per address), and TOTP two-factor codes.

Unlocking, and registering, confirming or resetting a device, are actions of `accounts.services`."""

import datetime

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dangvu.core import audit
from dangvu.core.models import AuditKind

from .models import FailedLogin, TOTPDevice, User


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def lockout_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=_setting("DANGVU_LOCKOUT_WINDOW_MINUTES", 15))


def account_locked(user: User | None) -> bool:
    return bool(user and user.locked_until and user.locked_until > timezone.now())


def address_blocked(address: str) -> bool:
    if not address:
        return False
    since = timezone.now() - lockout_window()
    return FailedLogin.objects.filter(address=address, at__gte=since).count() >= _setting(
        "DANGVU_LOCKOUT_ADDRESS_FAILURES", 30
    )


@transaction.atomic
def record_failed_login(username: str, address: str):
    """Count a failure; the account is locked when it reaches the limit within the window."""
    FailedLogin.objects.create(username=username[:150], address=address[:64])
    audit.record(
        AuditKind.LOGIN_FAILED,
        None,
        after={"username": username, "address": address},
        object_type="accounts.User",
        object_repr=username,
    )
    since = timezone.now() - lockout_window()
    failures = FailedLogin.objects.filter(username=username, at__gte=since).count()
    if failures >= _setting("DANGVU_LOCKOUT_ACCOUNT_FAILURES", 10):
        user = User.objects.filter(username=username).first()
        if user is not None and not account_locked(user):
            before = {"locked_until": None}
            user.locked_until = timezone.now() + datetime.timedelta(
                minutes=_setting("DANGVU_LOCKOUT_MINUTES", 30)
            )
            user.save(update_fields=["locked_until"])
            audit.record(
                AuditKind.UPDATE,
                user,
                before=before,
                after={"locked_until": user.locked_until.isoformat(), "failures": failures},
                object_repr=f"{username}: khóa do đăng nhập sai nhiều lần",
            )


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.username, issuer_name="dangvu")


def verify_code(device: TOTPDevice, code: str) -> bool:
    """A 6-digit code of the current 30-second step (±1 step for clock drift), each step usable once.

    `last_used_step` is the replay guard, not a change of the account: the step that passed is recorded by
    the caller's audit row (accounts.services: confirm_two_factor, pass_second_factor)."""
    code = "".join(ch for ch in str(code) if ch.isdigit())
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(device.secret)
    now = timezone.now()
    for drift in (-1, 0, 1):
        moment = now + datetime.timedelta(seconds=30 * drift)
        step = int(moment.timestamp()) // 30
        if step > device.last_used_step and totp.verify(code, for_time=moment, valid_window=0):
            device.last_used_step = step
            device.save(update_fields=["last_used_step", "updated_at"])
            return True
    return False
