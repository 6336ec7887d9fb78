"""Input checks shared by the actions: dates, counts, tax codes, the enterprise's status history."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date, today
from dangvu.core.text import normalize, text_sort_key

from ..choices import EnterpriseStatus
from ..models import Enterprise, EnterpriseStatusChange

Status = EnterpriseStatus


def _day(value, field: str, label: str, errors: dict, *, required: bool = True) -> datetime.date | None:
    """A date that has already come (the register records what happened)."""
    if value is None or value == "":
        if required:
            errors.setdefault(field, []).append(_("Nhập %(label)s (dd/mm/yyyy).") % {"label": label})
        return None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        errors.setdefault(field, []).append(_("%(label)s phải là một ngày (dd/mm/yyyy).") % {"label": label})
        return None
    if value > today():
        errors.setdefault(field, []).append(
            _("%(label)s %(day)s ở tương lai: chỉ ghi điều đã xảy ra.")
            % {"label": label, "day": format_vn_date(value)}
        )
        return None
    return value


def _count(value, field: str, label: str, errors: dict) -> int | None:
    """A whole number of people, 0 or more ("1.062" as typed in Vietnamese is 1062)."""
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(" ", "")
        value = int(text) if text.isdigit() else value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        errors.setdefault(field, []).append(
            _("%(label)s phải là số nguyên không âm (ví dụ 1.062).") % {"label": label}
        )
        return None
    return value


def _raise(errors: dict):
    if errors:
        raise ValidationError(errors)


def _who(acting_user) -> str:
    return getattr(acting_user, "username", "") or ""


# Tax codes --------------------------------------------------------------------------------------------------

_TAX_CODE = re.compile(r"^(\d{10})(?:-?(\d{3}))?$")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "/": "-"})


def clean_tax_code(value) -> str:
    """The tax code (mã số thuế) in its written form: 10 digits (0201234567), or 10 digits, a hyphen and the
    branch's 3 digits (0201234567-001). Spaces and dots are ignored; a number that lost its leading zero in
    Excel gets it back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        text = digits.zfill(10) if len(digits) <= 10 else digits.zfill(13)
    else:
        text = normalize(str(value) if value is not None else "").translate(_DASHES)
        text = text.replace(" ", "").replace(".", "")
    match = _TAX_CODE.match(text)
    if match is None or match.group(2) == "000":
        raise ValidationError(
            _(
                "Mã số thuế “%(v)s” không hợp lệ: nhập 10 chữ số (ví dụ 0201234567) hoặc 10 chữ số và mã chi "
                "nhánh 3 chữ số từ 001 (ví dụ 0201234567-001)."
            )
            % {"v": value if value is not None else ""}
        )
    head, branch = match.groups()
    return f"{head}-{branch}" if branch else head


# Legal forms left out of the sort key, so that "Công ty TNHH Điện tử An Phát" sorts under A.
_LEGAL_FORMS = re.compile(
    r"^(chi nhánh\s+)?(tổng công ty|công ty|cty)\s+((trách nhiệm hữu hạn|tnhh|cổ phần|cp|liên doanh|hợp danh"
    r"|một thành viên|mtv|hai thành viên trở lên)\s+)*",
    re.IGNORECASE,
)


def enterprise_sort_key(name: str) -> str:
    return text_sort_key(_LEGAL_FORMS.sub("", normalize(name)) or normalize(name))


def _statuses(enterprise: Enterprise) -> list[EnterpriseStatusChange]:
    return list(enterprise.status_changes.filter(voided_at__isnull=True).order_by("date", "id"))


def status_on(enterprise: Enterprise, day: datetime.date) -> str | None:
    """The enterprise's status on D, or None before its first status."""
    chosen = None
    for change in _statuses(enterprise):
        if change.date <= day:
            chosen = change.status
    return chosen


def _check_exists(enterprise: Enterprise, day: datetime.date, field: str, errors: dict):
    """The enterprise exists on D: it has a status by then and has not closed."""
    changes = _statuses(enterprise)
    current = [c for c in changes if c.date <= day]
    if not current:
        first = changes[0].date if changes else None
        errors.setdefault(field, []).append(
            _(
                "Doanh nghiệp “%(name)s” chưa có trong sổ vào ngày %(day)s (tình trạng đầu tiên từ ngày %(first)s)."
            )
            % {"name": enterprise.name, "day": format_vn_date(day), "first": format_vn_date(first)}
        )
    elif current[-1].status == Status.CLOSED:
        errors.setdefault(field, []).append(
            _("Doanh nghiệp “%(name)s” đã chấm dứt hoạt động từ ngày %(closed)s.")
            % {"name": enterprise.name, "closed": format_vn_date(current[-1].date)}
        )
