"""The mass-organization coverage report (issue 5, seed articles 002 and 003) on a date: exactly
`figures.coverage.coverage()`, for the enterprises covered by the organization's party organizations (the
whole register for the top of the installation)."""

from django.utils.translation import gettext as _

from dangvu.core.numbers import format_int, format_percent
from dangvu.enterprises.choices import EnterpriseStatus
from dangvu.figures.coverage import coverage
from dangvu.figures.targets import _covered_under

from ..document import DECIMAL, INT, PERCENT, Column, Table, short_date
from .common import start, subject, whole_party


def build(params):
    params.step("figures", 0, 1)
    within = (
        None if whole_party(params) else _covered_under(params.history, params.organization.pk, params.day)
    )
    data = coverage(params.day, within=within, history=params.history)
    report = start(params, "coverage", _("Tình hình tổ chức đảng, đoàn thể trong doanh nghiệp"))
    unions, party, youth, workers = data["unions"], data["party"], data["youth_union"], data["workers"]
    report.tables.append(
        Table(
            _("Doanh nghiệp theo tình trạng hoạt động"),
            [Column(_("Tình trạng")), Column(_("Số doanh nghiệp"), INT)],
            [
                *[[str(EnterpriseStatus(k).label), n] for k, n in data["enterprises"]["by_status"].items()],
                [_("Doanh nghiệp đang có (trừ đã chấm dứt)"), data["enterprises"]["total"]],
            ],
        )
    )
    report.tables.append(
        Table(
            _("Tổ chức công đoàn, đoàn thanh niên, tổ chức đảng"),
            [Column(_("Chỉ tiêu")), Column(_("Số lượng"), INT), Column(_("Tỷ lệ (%)"), PERCENT)],
            [
                [_("Doanh nghiệp đủ điều kiện thành lập công đoàn"), unions["eligible"], None],
                [
                    _("  trong đó đã có công đoàn"),
                    unions["eligible_with_union"],
                    unions["percent_of_eligible"],
                ],
                [_("Doanh nghiệp có công đoàn"), unions["enterprises_with_union"], None],
                [_("Công đoàn cơ sở"), unions["organizations"], None],
                [_("Đoàn viên công đoàn"), unions["members"], None],
                [_("Doanh nghiệp có tổ chức đoàn thanh niên"), youth["enterprises_with_youth_union"], None],
                [_("Đoàn viên thanh niên"), youth["members"], None],
                [_("Doanh nghiệp hoạt động ổn định"), party["operating"], None],
                [
                    _("  trong đó có tổ chức đảng"),
                    party["operating_with_party"],
                    party["percent_of_operating"],
                ],
                [_("Tổ chức đảng trong doanh nghiệp"), party["organizations"], None],
                [_("Đảng viên trong các tổ chức đảng đó"), party["members"], None],
                [_("Người lao động"), workers["total"], None],
            ],
        )
    )
    report.tables.append(
        Table(
            _("Theo khu công nghiệp, khu kinh tế"),
            [
                Column(_("Khu")),
                Column(_("Doanh nghiệp"), INT),
                Column(_("Có công đoàn"), INT),
                Column(_("Có công đoàn / đủ điều kiện (%)"), PERCENT),
                Column(_("Có tổ chức đảng"), INT),
                Column(_("Có tổ chức đảng / hoạt động ổn định (%)"), PERCENT),
                Column(_("Đảng viên / 1.000 lao động"), DECIMAL),
            ],
            [
                [
                    row["name"],
                    row["enterprises"],
                    row["with_union"],
                    row["union_percent_of_eligible"],
                    row["with_party"],
                    row["party_percent_of_operating"],
                    row["party_members_per_1000_workers"],
                ]
                for row in data["by_zone"]
            ],
        )
    )
    report.tables.append(
        Table(
            _("Doanh nghiệp có công đoàn, chưa có tổ chức đảng"),
            [
                Column(_("Doanh nghiệp")),
                Column(_("Mã số thuế")),
                Column(_("Người lao động"), INT),
                Column(_("Đoàn viên công đoàn"), INT),
                Column(_("Đảng viên đang làm việc"), INT),
            ],
            [
                [row["name"], row["tax_code"], row["workers"], row["union_members"], row["party_members"]]
                for row in data["union_without_party"]
            ],
        )
    )
    report.narrative = [
        _(
            "Tính đến ngày %(day)s, trong phạm vi %(subject)s có %(enterprises)s doanh nghiệp với %(workers)s "
            "người lao động; %(with_union)s/%(eligible)s doanh nghiệp đủ điều kiện đã thành lập công đoàn "
            "(%(union_percent)s), với %(union_members)s đoàn viên ở %(unions)s công đoàn cơ sở; "
            "%(with_party)s/%(operating)s doanh nghiệp hoạt động ổn định có tổ chức đảng (%(party_percent)s); "
            "%(youth)s tổ chức đoàn thanh niên với %(youth_members)s đoàn viên."
        )
        % {
            "day": short_date(params.day),
            "subject": subject(params),
            "enterprises": format_int(data["enterprises"]["total"]),
            "workers": format_int(workers["total"]),
            "with_union": format_int(unions["eligible_with_union"]),
            "eligible": format_int(unions["eligible"]),
            "union_percent": format_percent(unions["percent_of_eligible"]),
            "union_members": format_int(unions["members"]),
            "unions": format_int(unions["organizations"]),
            "with_party": format_int(party["operating_with_party"]),
            "operating": format_int(party["operating"]),
            "party_percent": format_percent(party["percent_of_operating"]),
            "youth": format_int(youth["organizations"]),
            "youth_members": format_int(youth["members"]),
        }
    ]
    params.step("figures", 1, 1)
    return report
