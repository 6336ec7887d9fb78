"""The periodic statistical report on party members and organizations (seed article 001's figures for any
date): exactly `figures.stats.statistics()`, with the progress of the year's targets."""

from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date
from dangvu.core.numbers import format_int, format_percent, percent
from dangvu.figures.stats import statistics
from dangvu.figures.targets import shown_percent
from dangvu.members.choices import AgeBand, EventKind, TheoryLevel
from dangvu.targets.choices import Measure

from ..document import INT, PERCENT, Column, Table, short_date
from .common import start, subject


def _share_table(title: str, label: str, items: list[tuple[str, int]], total: int) -> Table:
    rows = [[name, n, percent(n, total)] for name, n in items]
    return Table(
        title,
        [Column(label), Column(_("Số đảng viên"), INT), Column(_("Tỷ lệ (%)"), PERCENT)],
        rows,
    )


def target_rows(targets: list[dict]) -> list[list]:
    """The targets of `statistics()` as report rows: measure, period, target, reached, percent shown."""
    return [
        [
            item["measure_name"],
            item["period"],
            item["assigned_by"],
            item["target"],
            item["reached"],
            shown_percent(item["reached"], item["target"]),
        ]
        for item in targets
    ]


def target_sentence(item: dict, verb: str, unit: str) -> str:
    """ "kết nạp 96 đảng viên mới, đạt 96/190 (50,5%) chỉ tiêu năm 2024"."""
    return _(
        "%(verb)s %(reached)s %(unit)s, đạt %(reached)s/%(target)s (%(percent)s) chỉ tiêu %(period)s"
    ) % {
        "verb": verb,
        "unit": unit,
        "reached": format_int(item["reached"]),
        "target": format_int(item["target"]),
        "percent": format_percent(shown_percent(item["reached"], item["target"])),
        "period": item["period"],
    }


def build(params):
    params.step("figures", 0, 2)
    data = statistics(params.organization, params.day, history=params.history)
    params.step("figures", 1, 2)
    report = start(params, "statistics", _("Tình hình đảng viên và tổ chức đảng"))
    members = data["members"]
    orgs = data["organizations"]
    in_year = data["in_year"]
    total = members["total"]

    report.tables.append(
        Table(
            _("Đảng viên"),
            [Column(_("Chỉ tiêu thống kê")), Column(_("Số đảng viên"), INT), Column(_("Tỷ lệ (%)"), PERCENT)],
            [
                [_("Tổng số đảng viên"), total, percent(total, total)],
                [_("Đảng viên chính thức"), members["full"], percent(members["full"], total)],
                [_("Đảng viên dự bị"), members["probationary"], percent(members["probationary"], total)],
                [_("Đảng viên nữ"), members["female"], percent(members["female"], total)],
                [_("Đảng viên nam"), members["male"], percent(members["male"], total)],
                [_("Khối doanh nghiệp"), members["enterprise"], percent(members["enterprise"], total)],
                [
                    _("Khối hành chính sự nghiệp"),
                    members["administrative"],
                    percent(members["administrative"], total),
                ],
            ],
            strong_rows={0},
        )
    )
    report.tables.append(
        _share_table(
            _("Đảng viên theo độ tuổi"),
            _("Độ tuổi"),
            [(str(AgeBand(band).label), n) for band, n in members["by_age_band"].items()],
            total,
        )
    )
    report.tables.append(
        _share_table(_("Đảng viên theo dân tộc"), _("Dân tộc"), list(members["by_ethnicity"].items()), total)
    )
    report.tables.append(
        _share_table(
            _("Đảng viên theo trình độ lý luận chính trị"),
            _("Trình độ"),
            [
                (str(TheoryLevel(level).label) if level in TheoryLevel.values else level, n)
                for level, n in members["by_theory_level"].items()
            ],
            total,
        )
    )
    report.tables.append(
        Table(
            _("Tổ chức đảng"),
            [Column(_("Loại tổ chức")), Column(_("Số tổ chức"), INT)],
            [
                [_("Tổ chức đảng trực thuộc"), orgs["direct_subordinates"]],
                [_("  trong đó ở doanh nghiệp"), orgs["direct_enterprise"]],
                [_("Đảng bộ cơ sở"), orgs["grassroots_committees"]],
                [_("Chi bộ cơ sở"), orgs["grassroots_cells"]],
                [_("Đảng bộ bộ phận"), orgs["section_committees"]],
                [_("Chi bộ trực thuộc đảng ủy cơ sở"), orgs["subordinate_cells"]],
                [_("Tổng số tổ chức đảng cấp dưới"), orgs["total"]],
                [_("  khối doanh nghiệp"), orgs["enterprise"]],
                [_("  khối hành chính sự nghiệp"), orgs["administrative"]],
            ],
            strong_rows={0, 6},
        )
    )
    year_from = format_vn_date(params.day.replace(month=1, day=1))
    ended = in_year["ended"]
    flow_rows = [
        [_("Kết nạp đảng viên"), in_year["admitted"]],
        [_("Công nhận đảng viên chính thức"), in_year["recognized"]],
        [_("Chuyển đến"), in_year["transferred_in"]],
        [_("Chuyển đi"), in_year["transferred_out"]],
        *[[str(EventKind(kind).label), n] for kind, n in ended.items() if kind != EventKind.TRANSFER_OUT],
        [_("Tổ chức đảng thành lập mới"), in_year["founded"]],
        [_("Tổ chức đảng giải thể, sáp nhập"), in_year["dissolved"]],
    ]
    report.tables.append(
        Table(
            _("Biến động từ %(start)s đến %(end)s") % {"start": year_from, "end": format_vn_date(params.day)},
            [Column(_("Biến động")), Column(_("Số lượng"), INT)],
            flow_rows,
        )
    )
    targets = data.get("targets", [])
    if targets:
        report.tables.append(
            Table(
                _("Tiến độ thực hiện chỉ tiêu"),
                [
                    Column(_("Chỉ tiêu")),
                    Column(_("Kỳ")),
                    Column(_("Cấp giao")),
                    Column(_("Chỉ tiêu giao"), INT),
                    Column(_("Đạt được"), INT),
                    Column(_("Tỷ lệ đạt (%)"), PERCENT),
                ],
                target_rows(targets),
            )
        )

    sentences = [
        _(
            "Tính đến ngày %(day)s, %(subject)s có %(total)s đảng viên (%(full)s đảng viên chính thức, "
            "%(probationary)s đảng viên dự bị), trong đó %(female)s đảng viên nữ; %(enterprise)s đảng viên "
            "thuộc khối doanh nghiệp, %(administrative)s đảng viên thuộc khối hành chính sự nghiệp."
        )
        % {
            "day": short_date(params.day),
            "subject": subject(params),
            **{k: format_int(members[k]) for k in ("total", "full", "probationary", "female")},
            "enterprise": format_int(members["enterprise"]),
            "administrative": format_int(members["administrative"]),
        }
    ]
    if orgs["total"]:
        sentences.append(
            _(
                "Có %(direct)s tổ chức đảng trực thuộc (%(direct_enterprise)s ở doanh nghiệp); tổng cộng "
                "%(gc)s đảng bộ cơ sở, %(cells)s chi bộ cơ sở và %(sub)s chi bộ trực thuộc đảng ủy cơ sở."
            )
            % {
                "direct": format_int(orgs["direct_subordinates"]),
                "direct_enterprise": format_int(orgs["direct_enterprise"]),
                "gc": format_int(orgs["grassroots_committees"]),
                "cells": format_int(orgs["grassroots_cells"]),
                "sub": format_int(orgs["subordinate_cells"]),
            }
        )
    first = {}
    for item in targets:
        first.setdefault(item["measure"], item)
    progress = []
    admissions = first.get(Measure.ADMISSIONS)
    if admissions:
        progress.append(target_sentence(admissions, _("kết nạp"), _("đảng viên mới")))
    else:
        progress.append(_("kết nạp %(n)s đảng viên mới") % {"n": format_int(in_year["admitted"])})
    founded = first.get(Measure.ORGANIZATIONS_FOUNDED)
    if founded:
        progress.append(target_sentence(founded, _("thành lập"), _("tổ chức đảng")))
    else:
        progress.append(_("thành lập %(n)s tổ chức đảng") % {"n": format_int(in_year["founded"])})
    sentences.append(
        _("Từ ngày %(start)s đến ngày %(end)s, %(progress)s.")
        % {
            "start": short_date(params.day.replace(month=1, day=1)),
            "end": short_date(params.day),
            "progress": "; ".join(progress),
        }
    )
    report.narrative = [" ".join(sentences)]
    params.step("figures", 2, 2)
    return report
