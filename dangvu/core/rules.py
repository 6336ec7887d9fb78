"""Party rules as dated settings (../shared/domain/rules.md).

Each rule has a key, a value that applies from a date, and its source. The defaults below are the
project's reading of the regulations; an administrator adds a `RuleValue` row to follow a newer text, and
the value in force on an event's date is the one that validates the event. Values marked `verify` were
not confirmed against the current text: screens that apply them say "theo cấu hình".
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RuleDefault:
    key: str
    valid_from: datetime.date
    value: object
    source: str
    verify: bool = False


_EPOCH = datetime.date(1930, 1, 1)

DEFAULTS: list[RuleDefault] = [
    RuleDefault("admission.min_age_months", _EPOCH, 18 * 12, "Điều lệ Đảng, Điều 1; 232-QĐ/TW mục 3"),
    RuleDefault("admission.max_age_months", _EPOCH, 60 * 12, "Điều lệ Đảng, Điều 1; 232-QĐ/TW mục 3"),
    RuleDefault("probation.months", _EPOCH, 12, "Điều lệ Đảng, Điều 5"),
    RuleDefault("readmission.min_months", _EPOCH, 36, "232-QĐ/TW mục 3.5.1"),
    RuleDefault("organization.cell_min_full_members", _EPOCH, 3, "Điều lệ Đảng, Điều 21"),
    RuleDefault("organization.committee_min_members", _EPOCH, 31, "Điều lệ Đảng, Điều 21", verify=True),
]

LABELS = {
    "admission.min_age_months": _("Tuổi tối thiểu khi kết nạp (tháng)"),
    "admission.max_age_months": _("Tuổi tối đa khi kết nạp (tháng)"),
    "probation.months": _("Thời gian dự bị (tháng)"),
    "readmission.min_months": _("Thời gian tối thiểu trước khi kết nạp lại (tháng)"),
    "organization.cell_min_full_members": _("Số đảng viên chính thức tối thiểu của chi bộ"),
    "organization.committee_min_members": _("Số đảng viên tối thiểu của đảng bộ cơ sở"),
}


def _candidates(key: str):
    from .models import RuleValue

    rows = [(d.valid_from, d.value, d.source) for d in DEFAULTS if d.key == key]
    if not rows:
        raise KeyError(f"unknown rule {key!r}")
    rows += [(r.valid_from, r.value, r.source) for r in RuleValue.objects.filter(key=key)]
    rows.sort(key=lambda row: row[0])
    return rows


def value(key: str, on: datetime.date):
    """The value of rule `key` in force on `on` (the latest row dated on or before it)."""
    chosen = None
    for valid_from, val, _source in _candidates(key):
        if valid_from <= on:
            chosen = val
    if chosen is None:
        chosen = _candidates(key)[0][1]
    return chosen


def source(key: str, on: datetime.date) -> str:
    chosen = ""
    for valid_from, _val, src in _candidates(key):
        if valid_from <= on:
            chosen = src
    return chosen
