"""The member-development report (seed article 002's figures) for a period: exactly
`figures.funnel.funnel_figures()`, with the labels of the funnel page."""

from decimal import Decimal

from django.utils.translation import gettext as _

from dangvu.core.numbers import format_int
from dangvu.development.choices import Source
from dangvu.development.views.funnel import FIGURE_LABELS, MAIN_RATE, NAMES, PAIRS, pair_label
from dangvu.figures.funnel import funnel_figures
from dangvu.organizations.models import Organization

from ..document import DECIMAL, INT, PERCENT, Column, Table, short_date
from .common import start, subject


def _rate(rates: dict, key: str) -> Decimal | None:
    value = rates[key]["percent"]
    return Decimal(value) if value is not None else None


def _group_rows(groups: dict, label) -> list[list]:
    return [
        [label(key, group), group["trained"], group["admitted"], _rate(group["rates"], MAIN_RATE)]
        for key, group in groups.items()
    ]


GROUP_COLUMNS = [
    Column(_("Học lớp bồi dưỡng"), INT),
    Column(_("Kết nạp"), INT),
    Column(_("Tỷ lệ kết nạp / học lớp (%)"), PERCENT),
]


def build(params):
    params.step("figures", 0, 1)
    data = funnel_figures(params.organization, params.date_from, params.day, history=params.history)
    report = start(params, "development", _("Kết quả công tác phát triển đảng viên"))
    report.tables.append(
        Table(
            _("Các bước phát triển đảng viên"),
            [Column(_("Bước")), Column(_("Số quần chúng"), INT)],
            [[str(FIGURE_LABELS[name]), data[name]] for name in NAMES],
        )
    )
    median = data["median_days"]
    report.tables.append(
        Table(
            _("Tỷ lệ chuyển đổi và thời gian giữa các bước"),
            [
                Column(_("Từ bước → đến bước")),
                Column(_("Tỷ lệ (%)"), PERCENT),
                Column(_("Trung vị (ngày)"), DECIMAL),
            ],
            [
                [
                    pair_label(f"{a}_{b}"),
                    _rate(data["rates"], f"{a}_{b}"),
                    None if median[f"{a}_{b}"] is None else Decimal(str(median[f"{a}_{b}"])),
                ]
                for a, b in PAIRS
            ],
        )
    )
    report.tables.append(
        Table(
            _("Theo nguồn giới thiệu"),
            [Column(_("Nguồn")), *GROUP_COLUMNS],
            _group_rows(
                data["by_source"], lambda key, _g: str(Source(key).label) if key in Source.values else key
            ),
        )
    )
    report.tables.append(
        Table(
            _("Qua chi bộ nòng cốt"),
            [Column(_("Con đường")), *GROUP_COLUMNS],
            _group_rows(
                data["core_cell"],
                lambda key, _g: (
                    _("Qua chi bộ nòng cốt") if key == "through" else _("Không qua chi bộ nòng cốt")
                ),
            ),
        )
    )
    ids = dict(
        Organization.objects.filter(code__in=list(data["by_preparing_organization"])).values_list(
            "code", "pk"
        )
    )
    names = {}
    for code in data["by_preparing_organization"]:
        state = params.history.last_state_on(ids[code], params.day) if code in ids else None
        names[code] = state.name if state else code
    report.tables.append(
        Table(
            _("Theo tổ chức đảng bồi dưỡng, kết nạp"),
            [Column(_("Tổ chức")), *GROUP_COLUMNS],
            _group_rows(data["by_preparing_organization"], lambda key, _g: f"{names[key]} ({key})"),
        )
    )
    report.tables.append(
        Table(
            _("Theo doanh nghiệp"),
            [Column(_("Doanh nghiệp")), *GROUP_COLUMNS],
            _group_rows(data["by_enterprise"], lambda _key, group: group["name"]),
        )
    )
    main = data["rates"][MAIN_RATE]["text"]
    report.narrative = [
        _(
            "Từ ngày %(start)s đến ngày %(end)s, %(subject)s đã đề xuất %(proposed)s quần chúng ưu tú học lớp "
            "bồi dưỡng nhận thức về Đảng; %(trained)s quần chúng đã học lớp, %(introduced)s quần chúng được "
            "giới thiệu vào Đảng; kết nạp %(admitted)s đảng viên mới (bằng %(rate)s số quần chúng đã học lớp "
            "trong kỳ) và công nhận %(recognized)s đảng viên chính thức; %(through)s đảng viên được kết nạp "
            "qua chi bộ nòng cốt."
        )
        % {
            "start": short_date(params.date_from),
            "end": short_date(params.day),
            "subject": subject(params),
            **{
                name: format_int(data[name])
                for name in ("proposed", "trained", "introduced", "admitted", "recognized")
            },
            "rate": main,
            "through": format_int(data["core_cell"]["through"]["admitted"]),
        }
    ]
    params.step("figures", 1, 1)
    return report
