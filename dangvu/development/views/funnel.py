"""The funnel page: the member-development figures of an organization (with everything under it) over a
period, exactly `dangvu.figures.funnel.funnel_figures()` — the bundle the API returns and `dangvu funnel
--json` prints — as figures, a chart with its table, the breakdowns, and an .xlsx export of the same."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import figures_scope
from dangvu.core import audit
from dangvu.core.dates import format_vn_date, today
from dangvu.core.exports import INT, PERCENT, ExportColumn, xlsx_response
from dangvu.core.models import AuditKind
from dangvu.core.numbers import format_int
from dangvu.figures.funnel import NAMES, PAIRS, funnel_figures
from dangvu.figures.stats import root_organization
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History
from dangvu.web.views.common import require

from ..choices import Source
from ..forms import FunnelForm

FIGURE_LABELS = {
    "proposed": gettext_lazy("Được đề xuất bồi dưỡng"),
    "trained": gettext_lazy("Học lớp bồi dưỡng nhận thức về Đảng"),
    "introduced": gettext_lazy("Được giới thiệu vào Đảng"),
    "verified": gettext_lazy("Thẩm tra lý lịch"),
    "voted": gettext_lazy("Chi bộ đề nghị kết nạp"),
    "admitted": gettext_lazy("Kết nạp"),
    "recognized": gettext_lazy("Công nhận chính thức"),
    "stopped": gettext_lazy("Dừng phát triển"),
}
SHORT_LABELS = {
    "proposed": gettext_lazy("Đề xuất"),
    "trained": gettext_lazy("Học lớp"),
    "introduced": gettext_lazy("Giới thiệu"),
    "verified": gettext_lazy("Thẩm tra"),
    "voted": gettext_lazy("Chi bộ đề nghị"),
    "admitted": gettext_lazy("Kết nạp"),
    "recognized": gettext_lazy("Chính thức"),
    "stopped": gettext_lazy("Dừng"),
}
# The seed articles' rate: admitted over trained.
MAIN_RATE = "trained_admitted"


def pair_label(key: str) -> str:
    a, b = next((a, b) for a, b in PAIRS if f"{a}_{b}" == key)
    return f"{SHORT_LABELS[a]} → {SHORT_LABELS[b]}"


def days_text(value) -> str:
    """A median number of days as the page prints it: 45, 12,5, or — when there is none."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return format_int(value)


@dataclass
class BreakdownRow:
    label: str
    counts: list[int]
    rate: str
    rates: dict
    url: str = ""
    code: str = ""


def _row(label, group: dict, *, url="", code="") -> BreakdownRow:
    return BreakdownRow(
        str(label),
        [group[name] for name in NAMES],
        group["rates"][MAIN_RATE]["text"],
        group["rates"],
        url,
        code,
    )


def breakdowns(
    data: dict, history: History, end: datetime.date, organizations
) -> dict[str, list[BreakdownRow]]:
    """The breakdown tables, in the order and with the names the page shows."""
    sources = [
        _row(Source(key).label if key in Source.values else key, group)
        for key, group in data["by_source"].items()
    ]
    core = [
        _row(_("Qua chi bộ nòng cốt"), data["core_cell"]["through"]),
        _row(_("Không qua chi bộ nòng cốt"), data["core_cell"]["not_through"]),
    ]
    codes = list(data["by_preparing_organization"])
    ids = dict(organizations.filter(code__in=codes).values_list("code", "pk"))
    organizations = []
    for code, group in data["by_preparing_organization"].items():
        pk = ids.get(code)
        state = history.last_state_on(pk, end) if pk else None
        organizations.append(
            _row(
                state.name if state else code,
                group,
                url=reverse("web:organization-detail", args=[pk]) if pk else "",
                code=code,
            )
        )
    enterprises = [_row(group["name"], group) for group in data["by_enterprise"].values()]
    return {"source": sources, "core_cell": core, "organization": organizations, "enterprise": enterprises}


def _default_organization(user):
    """The organization the page opens on: the whole installation for a user whose figures scope is
    everything, else the user's own organization (as the API's funnel)."""
    scope = figures_scope(user)
    if scope is None:
        try:
            return root_organization()
        except ObjectDoesNotExist:
            raise Http404(_("Chưa có tổ chức đảng nào.")) from None
    if user.organization_id in scope:
        return user.organization
    raise Http404(_("Tài khoản chưa gắn với tổ chức nào."))


def _chart(data: dict) -> dict:
    """What funnel.js draws: the step counts, and admitted over trained by source."""
    return {
        "steps": {
            "type": "bar",
            "horizontal": True,
            "label": str(_("Số quần chúng")),
            "labels": [str(FIGURE_LABELS[name]) for name in NAMES],
            "datasets": [{"label": str(_("Số quần chúng")), "data": [data[name] for name in NAMES]}],
        },
        "sources": {
            "type": "bar",
            "horizontal": False,
            "labels": [str(Source(key).label) for key in data["by_source"] if key in Source.values],
            "datasets": [
                {
                    "label": str(SHORT_LABELS[name]),
                    "data": [g[name] for key, g in data["by_source"].items() if key in Source.values],
                }
                for name in ("trained", "admitted")
            ],
        },
    }


def _export(request, data: dict, tables: dict, title: str):
    columns = [
        ExportColumn(_("Nhóm")),
        ExportColumn(_("Tên")),
        ExportColumn(_("Mã tổ chức")),
        *[ExportColumn(str(FIGURE_LABELS[name]), INT) for name in NAMES],
        *[
            ExportColumn(_("Tỷ lệ %(pair)s (%%)") % {"pair": pair_label(f"{a}_{b}")}, PERCENT)
            for a, b in PAIRS
        ],
    ]

    def percent(rates: dict, key: str):
        value = rates[key]["percent"]
        return Decimal(value) if value is not None else None

    def line(group_label, row: BreakdownRow):
        return [
            str(group_label),
            row.label,
            row.code,
            *row.counts,
            *[percent(row.rates, f"{a}_{b}") for a, b in PAIRS],
        ]

    total = BreakdownRow(
        data["org_name"], [data[name] for name in NAMES], "", data["rates"], code=data["org"]
    )
    rows = [line(_("Toàn bộ"), total)]
    for key, group_label in (
        ("source", _("Theo nguồn")),
        ("core_cell", _("Chi bộ nòng cốt")),
        ("organization", _("Theo tổ chức đảng bồi dưỡng")),
        ("enterprise", _("Theo doanh nghiệp")),
    ):
        rows.extend(line(group_label, row) for row in tables[key])
    audit.record(
        AuditKind.EXPORT,
        object_type="development.CandidateStep",
        object_repr=_("%(title)s: %(n)s dòng") % {"title": title, "n": len(rows)},
        after={
            "title": title,
            "query": request.GET.urlencode(),
            "rows": len(rows),
            "columns": [c.header for c in columns],
        },
        acting_user=request.user,
    )
    return xlsx_response("phat-trien-dang-vien", title, columns, rows)


@login_required
def funnel(request):
    """Needs candidates.view (the section) and figures.view (aggregate figures, as the API's funnel); the
    organization is chosen among those of the user's figures scope."""
    require(request, Perm.CANDIDATES_VIEW)
    require(request, Perm.FIGURES_VIEW)
    organizations = Organization.objects.visible_to(request.user, Perm.FIGURES_VIEW)
    day = today()
    params = request.GET.copy()
    # The period opens on this year so far.
    for name, default in (("start", datetime.date(day.year, 1, 1)), ("end", day)):
        if not params.get(name):
            params[name] = format_vn_date(default)
    form = FunnelForm(params, organizations=organizations)
    context = {"form": form, "title": _("Số liệu phát triển đảng viên"), "data": None}
    if form.is_valid():
        org = form.cleaned_data.get("organization") or _default_organization(request.user)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        data = funnel_figures(org, start, end)
        tables = breakdowns(data, History.load(), end, organizations)
        title = _("Phát triển đảng viên %(name)s %(start)s – %(end)s") % {
            "name": data["org_name"],
            "start": format_vn_date(start),
            "end": format_vn_date(end),
        }
        if request.GET.get("export") == "xlsx":
            return _export(request, data, tables, title)
        export_params = params.copy()
        export_params["export"] = "xlsx"
        context.update(
            {
                "data": data,
                "org": org,
                "heading": title,
                "steps": [(name, FIGURE_LABELS[name], data[name]) for name in NAMES],
                "rates": [
                    (
                        pair_label(f"{a}_{b}"),
                        data["rates"][f"{a}_{b}"]["text"],
                        days_text(data["median_days"][f"{a}_{b}"]),
                    )
                    for a, b in PAIRS
                ],
                "main_rate": data["rates"][MAIN_RATE]["text"],
                "short_labels": [SHORT_LABELS[name] for name in NAMES],
                "tables": tables,
                "chart": _chart(data),
                "export_url": "?" + export_params.urlencode(),
            }
        )
    return render(request, "development/funnel.html", context)
