"""The holiday calendar that the working-day deadlines use (core.workdays)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.dates import format_vn_date
from dangvu.core.models import AuditKind
from dangvu.core.text import normalize

from ..models import Holiday
from .candidates import record_audit

# The holiday calendar ------------------------------------------------------------------------------------------


@transaction.atomic
def add_holiday(date: datetime.date, name: str, *, acting_user=None) -> Holiday:
    """A day off for the working-day deadlines (core.workdays); the administrator keeps the calendar."""
    name = normalize(name)
    if not isinstance(date, datetime.date):
        raise ValidationError({"date": [_("Nhập ngày (dd/mm/yyyy).")]})
    if not name:
        raise ValidationError({"name": [_("Nhập tên ngày nghỉ.")]})
    if Holiday.objects.filter(date=date).exists():
        raise ValidationError(
            {"date": [_("Ngày %(day)s đã có trong lịch nghỉ.") % {"day": format_vn_date(date)}]}
        )
    holiday = Holiday.objects.create(date=date, name=name)
    record_audit(AuditKind.CREATE, holiday, after=audit.snapshot(holiday), acting_user=acting_user)
    return holiday


@transaction.atomic
def remove_holiday(holiday: Holiday, *, acting_user=None):
    before = audit.snapshot(holiday)
    record_audit(AuditKind.DELETE, holiday, before=before, acting_user=acting_user)
    holiday.delete()
