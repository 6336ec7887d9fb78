"""What the actions share: collecting refusals, dates, whole numbers and points as typed."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date, today
from dangvu.organizations.tree import History


class Errors(dict):
    """{field: [messages]}; `raise_if_any()` raises them as one ValidationError, nothing written."""

    def add(self, field: str | None, message: str):
        self.setdefault(field or NON_FIELD_ERRORS, []).append(message)

    def raise_if_any(self):
        if self:
            raise ValidationError(dict(self))


def past_day(value, field: str, label: str, errors: Errors, *, required: bool = True):
    """A date that has come (a decision or a document is recorded after it is issued)."""
    if value in (None, ""):
        if required:
            errors.add(field, _("Nhập %(label)s (dd/mm/yyyy).") % {"label": label})
        return None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        errors.add(field, _("%(label)s phải là một ngày (dd/mm/yyyy).") % {"label": label})
        return None
    if value > today():
        errors.add(
            field,
            _("%(label)s %(day)s ở tương lai: chỉ ghi văn bản đã ban hành.")
            % {"label": label, "day": format_vn_date(value)},
        )
        return None
    return value


def whole_number(value, field: str, label: str, errors: Errors, *, minimum: int = 0, required: bool = True):
    """A whole number ≥ minimum; "1.062" as typed in Vietnamese is 1062."""
    if value in (None, ""):
        if required:
            errors.add(field, _("Nhập %(label)s.") % {"label": label})
        return None
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(" ", "")
        value = int(text) if text.isdigit() else value
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        errors.add(
            field,
            _("%(label)s phải là số nguyên từ %(min)s trở lên.") % {"label": label, "min": minimum},
        )
        return None
    return value


def points(value, field: str, label: str, errors: Errors, *, maximum: Decimal, required: bool = True):
    """Points with at most one decimal, from 0 to `maximum` ("8,5" as typed in Vietnamese is 8.5)."""
    if value in (None, ""):
        if required:
            errors.add(field, _("Nhập %(label)s.") % {"label": label})
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.quantize(Decimal("0.1")):
        errors.add(
            field, _("%(label)s: nhập số, tối đa một chữ số thập phân (ví dụ 8,5).") % {"label": label}
        )
        return None
    if number < 0 or number > maximum:
        errors.add(
            field,
            _("%(label)s phải từ 0 đến %(max)s.") % {"label": label, "max": str(maximum).replace(".", ",")},
        )
        return None
    return number.quantize(Decimal("0.1"))


def history(value: History | None) -> History:
    return value or History.load()
