"""THE report catalogue: each report is a function of its parameters (an organization with everything under
it, a date or a period) that returns a `document.Report` built from the shared figure functions
(dangvu.figures) and nothing else. Pages, the background task and `dangvu report` look reports up here."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dangvu.accounts.permissions import Perm
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from ..document import Report

Progress = Callable[[str, int, int], None]


@dataclass
class Params:
    """What a report is asked for: the organization (with everything under it) and the date or period."""

    organization: Organization
    day: datetime.date  # as of this day; for a period report, the period's last day
    date_from: datetime.date | None = None
    history: History = field(default_factory=History.load)
    progress: Progress | None = None

    def step(self, phase: str, done: int, total: int):
        if self.progress is not None:
            self.progress(phase, done, total)

    def as_dict(self) -> dict:
        data = {"org": self.organization.code}
        if self.date_from is not None:
            data.update({"from": self.date_from.isoformat(), "to": self.day.isoformat()})
        else:
            data["as_of"] = self.day.isoformat()
        return data


@dataclass(frozen=True)
class ReportSpec:
    slug: str
    title: str | Promise
    description: str | Promise
    build: Callable[[Params], Report]
    period: bool = False  # a period [from, to] instead of a date
    perm: str = Perm.FIGURES_VIEW  # needed over the chosen organization
    personal_data: bool = False  # names people: the member-view permission, masked personal data


REPORTS: dict[str, ReportSpec] = {}


def register(spec: ReportSpec) -> ReportSpec:
    REPORTS[spec.slug] = spec
    return spec


def get(slug: str) -> ReportSpec | None:
    return REPORTS.get(slug)


def build(spec: ReportSpec, params: Params) -> Report:
    report = spec.build(params)
    report.personal_data = spec.personal_data
    return report


from . import coverage, development, members, statistics, targets  # noqa: E402

register(
    ReportSpec(
        "statistics",
        _("Báo cáo thống kê đảng viên và tổ chức đảng"),
        _(
            "Số đảng viên, tổ chức đảng, cơ cấu theo giới tính, độ tuổi, dân tộc, khối; biến động từ đầu năm và "
            "tiến độ chỉ tiêu vào một ngày."
        ),
        statistics.build,
    )
)
register(
    ReportSpec(
        "development",
        _("Báo cáo công tác phát triển đảng viên"),
        _("Các bước phát triển đảng viên trong kỳ, tỷ lệ chuyển đổi, thời gian, theo nguồn và theo tổ chức."),
        development.build,
        period=True,
    )
)
register(
    ReportSpec(
        "coverage",
        _("Báo cáo tình hình tổ chức đảng, đoàn thể trong doanh nghiệp"),
        _("Doanh nghiệp có công đoàn, đoàn thanh niên, tổ chức đảng; tỷ lệ bao phủ theo khu vào một ngày."),
        coverage.build,
    )
)
register(
    ReportSpec(
        "targets",
        _("Báo cáo tiến độ thực hiện chỉ tiêu"),
        _("Các chỉ tiêu được giao, kết quả đạt được, tỷ lệ, tiến độ và phân bổ cho cấp dưới vào một ngày."),
        targets.build,
    )
)
register(
    ReportSpec(
        "member_list",
        _("Danh sách đảng viên theo tổ chức"),
        _("Đảng viên của từng tổ chức vào một ngày; dữ liệu cá nhân được che."),
        members.build_list,
        perm=Perm.MEMBERS_VIEW,
        personal_data=True,
    )
)
register(
    ReportSpec(
        "movements",
        _("Sổ biến động đảng viên"),
        _("Kết nạp, công nhận chính thức, chuyển đến, chuyển đi và các biến động khác trong kỳ."),
        members.build_movements,
        period=True,
        perm=Perm.MEMBERS_VIEW,
        personal_data=True,
    )
)
