"""Party rules as dated settings (../shared/domain/rules.md).

Each rule has a key, a value that applies from a date, and its source. The defaults below are the
project's reading of the regulations; an administrator adds a `RuleValue` row to follow a newer text, and
the value in force on an event's date is the one that validates the event. Values marked `verify` were
not confirmed against the current text: screens that apply them say "theo cấu hình".
"""

import contextvars
import datetime
from contextlib import contextmanager
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
_D = datetime.date

DEFAULTS: list[RuleDefault] = [
    RuleDefault("admission.min_age_months", _EPOCH, 18 * 12, "Điều lệ Đảng, Điều 1; 232-QĐ/TW mục 3"),
    RuleDefault("admission.max_age_months", _EPOCH, 60 * 12, "Điều lệ Đảng, Điều 1; 232-QĐ/TW mục 3"),
    RuleDefault("probation.months", _EPOCH, 12, "Điều lệ Đảng, Điều 5"),
    RuleDefault("readmission.min_months", _EPOCH, 36, "232-QĐ/TW mục 3.5.1"),
    RuleDefault("organization.cell_min_full_members", _EPOCH, 3, "Điều lệ Đảng, Điều 21"),
    RuleDefault("organization.committee_min_members", _EPOCH, 31, "Điều lệ Đảng, Điều 21", verify=True),
    # An enterprise operating stably with at least this many workers is eligible to found a grassroots trade
    # union (dangvu.figures.coverage); no text fixes the number: the Committee's setting.
    RuleDefault("enterprise.union_eligible_min_workers", _EPOCH, 20, "theo cấu hình", verify=True),
    # Member development (rules.md "Admission", "Probation and recognition"): dangvu.development.
    RuleDefault(
        "development.certificate_valid_months",
        _EPOCH,
        60,
        "Chưa tìm thấy trong văn bản hiện hành (theo cấu hình)",
        verify=True,
    ),
    RuleDefault("development.introducer_known_months", _EPOCH, 12, "24-QĐ/TW (30/7/2021) và các văn bản sau"),
    RuleDefault("development.youth_min_age", _EPOCH, 16, "Luật Thanh niên 2020, Điều 1"),
    RuleDefault("development.youth_max_age", _EPOCH, 30, "Luật Thanh niên 2020, Điều 1"),
    RuleDefault("development.vote_fraction", _EPOCH, [2, 3], "Điều lệ Đảng, Điều 4.3"),
    RuleDefault(
        "development.decision_working_days",
        _EPOCH,
        60,
        "29-QĐ/TW mục 4, giữ trong 232-QĐ/TW; cần đối chiếu 294-QĐ/TW",
        verify=True,
    ),
    RuleDefault(
        "development.decision_extension_working_days",
        _EPOCH,
        30,
        "29-QĐ/TW mục 4, giữ trong 232-QĐ/TW; cần đối chiếu 294-QĐ/TW",
        verify=True,
    ),
    RuleDefault("development.ceremony_working_days", _EPOCH, 30, "232-QĐ/TW mục 4.1"),
    RuleDefault("development.review_working_days", _EPOCH, 30, "232-QĐ/TW mục 4.2"),
    RuleDefault("development.recognition_working_days", _EPOCH, 30, "29-QĐ/TW mục 4", verify=True),
    # Not party rules: the Committee's own settings for reminders.
    RuleDefault("development.stalled_months", _EPOCH, 6, "Cấu hình của Đảng ủy (nhắc việc)"),
    RuleDefault("development.certificate_warning_months", _EPOCH, 3, "Cấu hình của Đảng ủy (nhắc việc)"),
    RuleDefault("development.reminder_lead_days", _EPOCH, 15, "Cấu hình của Đảng ủy (nhắc việc)"),
    # Annual quality rating (rules.md "Annual quality rating"), dangvu.targets: the value in force on
    # 31 December of the year rated applies. 124-QĐ/TW rates by criteria without a score; 366-QĐ/TW
    # (30/8/2025) by a 100-point scale whose bands bound the level.
    RuleDefault("rating.regulation", _EPOCH, "132-QĐ/TW", "132-QĐ/TW (2018), theo cấu hình"),
    RuleDefault("rating.regulation", _D(2023, 1, 1), "124-QĐ/TW", "124-QĐ/TW (02/02/2023)"),
    RuleDefault("rating.regulation", _D(2025, 1, 1), "366-QĐ/TW", "366-QĐ/TW (30/8/2025)"),
    RuleDefault("rating.score_bands", _EPOCH, None, "124-QĐ/TW: xếp loại theo tiêu chí, không chấm điểm"),
    RuleDefault(
        "rating.score_bands",
        _D(2025, 1, 1),
        {"excellent": 90, "good": 70, "complete": 50},
        "366-QĐ/TW: thang 100 điểm (dưới 50 điểm: theo cấu hình)",
        verify=True,
    ),
    # At most this percentage of the number rated "good", per kind of subject (members, organizations) in
    # one organization's summary, may be rated "excellent".
    RuleDefault(
        "rating.excellent_cap",
        _EPOCH,
        {"percent": 20, "of": "good"},
        "124-QĐ/TW: không quá 20% số được xếp loại “Hoàn thành tốt nhiệm vụ” (theo cấu hình)",
        verify=True,
    ),
    RuleDefault(
        "rating.excellent_cap",
        _D(2025, 1, 1),
        {"percent": 20, "of": "good"},
        "366-QĐ/TW (theo cấu hình)",
        verify=True,
    ),
    # A member disciplined in the year is rated at most this level.
    RuleDefault(
        "rating.disciplined_max_level",
        _EPOCH,
        "complete",
        "124-QĐ/TW: đảng viên bị kỷ luật trong năm không xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên",
        verify=True,
    ),
    # A split of a target among subordinate organizations must add up to at least the target (targets).
    RuleDefault("targets.split_at_least_parent", _EPOCH, True, "theo cấu hình", verify=True),
]

LABELS = {
    "admission.min_age_months": _("Tuổi tối thiểu khi kết nạp (tháng)"),
    "admission.max_age_months": _("Tuổi tối đa khi kết nạp (tháng)"),
    "probation.months": _("Thời gian dự bị (tháng)"),
    "readmission.min_months": _("Thời gian tối thiểu trước khi kết nạp lại (tháng)"),
    "organization.cell_min_full_members": _("Số đảng viên chính thức tối thiểu của chi bộ"),
    "organization.committee_min_members": _("Số đảng viên tối thiểu của đảng bộ cơ sở"),
    "enterprise.union_eligible_min_workers": _(
        "Số lao động tối thiểu của doanh nghiệp hoạt động ổn định đủ điều kiện thành lập công đoàn cơ sở"
    ),
    "development.certificate_valid_months": _("Thời hạn giấy chứng nhận bồi dưỡng nhận thức về Đảng (tháng)"),
    "development.introducer_known_months": _("Người giới thiệu biết người xin vào Đảng ít nhất (tháng)"),
    "development.youth_min_age": _("Tuổi thanh niên: từ (tuổi)"),
    "development.youth_max_age": _("Tuổi thanh niên: đến (tuổi)"),
    "development.vote_fraction": _("Tỷ lệ tán thành khi xét kết nạp, công nhận chính thức (tử số, mẫu số)"),
    "development.decision_working_days": _("Cấp ủy ra quyết định kết nạp trong (ngày làm việc)"),
    "development.decision_extension_working_days": _("Gia hạn quyết định kết nạp tối đa (ngày làm việc)"),
    "development.ceremony_working_days": _("Tổ chức lễ kết nạp trong (ngày làm việc)"),
    "development.review_working_days": _("Chi bộ xét công nhận chính thức trong (ngày làm việc)"),
    "development.recognition_working_days": _("Quyết định công nhận chính thức trong (ngày làm việc)"),
    "development.stalled_months": _("Nhắc quần chúng không có tiến triển sau (tháng)"),
    "development.certificate_warning_months": _("Nhắc giấy chứng nhận sắp hết hạn trước (tháng)"),
    "development.reminder_lead_days": _("Nhắc việc trước hạn (ngày)"),
    "rating.regulation": _("Quy định về đánh giá, xếp loại chất lượng áp dụng"),
    "rating.score_bands": _("Điểm tối thiểu của từng mức xếp loại (thang 100 điểm)"),
    "rating.excellent_cap": _("Tỷ lệ tối đa xếp loại “Hoàn thành xuất sắc nhiệm vụ”"),
    "rating.disciplined_max_level": _("Mức xếp loại cao nhất của đảng viên bị kỷ luật trong năm"),
    "targets.split_at_least_parent": _(
        "Tổng chỉ tiêu phân bổ cho cấp dưới không thấp hơn chỉ tiêu được giao"
    ),
}


_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar("dangvu_rules_cache", default=None)


@contextmanager
def cached():
    """Within the block, each rule's rows are read once (bulk validation replays thousands of ledgers). A
    block inside another one uses the outer block's rows."""
    if _cache.get() is not None:
        yield
        return
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def preload():
    """Inside `cached()`: read every rule's rows now, so that the block asks the database nothing more (the
    importer's worker process, which must not use the importing connection, validates with them)."""
    for key in dict.fromkeys(d.key for d in DEFAULTS):
        _candidates(key)


def _candidates(key: str):
    cache = _cache.get()
    if cache is not None and key in cache:
        return cache[key]
    from .models import RuleValue

    rows = [(d.valid_from, d.value, d.source) for d in DEFAULTS if d.key == key]
    if not rows:
        raise KeyError(f"unknown rule {key!r}")
    rows += [(r.valid_from, r.value, r.source) for r in RuleValue.objects.filter(key=key)]
    rows.sort(key=lambda row: row[0])
    if cache is not None:
        cache[key] = rows
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


def unverified(key: str) -> bool:
    """Whether the default of `key` was not confirmed against the current text: screens and messages that
    apply it say "theo cấu hình" (rules.md)."""
    return any(d.verify for d in DEFAULTS if d.key == key)
