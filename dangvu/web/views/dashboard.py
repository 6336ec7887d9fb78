"""The dashboard, the first page after login (issue 7, point 1): for an organization of the user's figures
scope and a date, the headline figures and charts of `dangvu.figures.dashboard`, each linked to the list of
the records behind it with the filters that reproduce it — only the lists the user may open.

The view chooses, formats and links; every number comes from `figures.dashboard.dashboard()`."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import figures_scope, has_perm, scope_org_ids
from dangvu.core.dates import format_vn_date, today
from dangvu.core.numbers import format_int, format_percent, percent
from dangvu.figures.counting import year_start
from dangvu.figures.dashboard import dashboard as dashboard_figures
from dangvu.figures.stats import root_organization
from dangvu.members.choices import AgeBand, Gender
from dangvu.members.models import MembershipEvent
from dangvu.organizations.choices import Sector
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .common import read_day

# The funnel steps the chart shows, in the order of the process (figures.funnel.NAMES without "stopped").
FUNNEL_STEPS = ["proposed", "trained", "introduced", "verified", "voted", "admitted", "recognized"]


@dataclass
class Figure:
    key: str  # data-figure="…", for tests and the browser
    label: str
    value: int | None
    note: str = ""
    url: str | None = None

    @property
    def text(self) -> str:
        return "—" if self.value is None else format_int(self.value)


def _query(**params) -> str:
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


def _in_scope(user, perm: str, org_id: int) -> bool:
    if not has_perm(user, perm):
        return False
    ids = scope_org_ids(user, perm)
    return ids is None or org_id in ids


class Links:
    """The URL of the list behind each figure, or None when the user may not open that list (no link)."""

    def __init__(self, user, org: Organization, day: datetime.date):
        self.code = org.code
        self.day = format_vn_date(day)
        self.members_ok = _in_scope(user, Perm.MEMBERS_VIEW, org.pk)
        self.organizations_ok = _in_scope(user, Perm.ORGANIZATIONS_VIEW, org.pk)
        self.candidates_ok = _in_scope(user, Perm.CANDIDATES_VIEW, org.pk)
        self.funnel_ok = self.candidates_ok and has_perm(user, Perm.FIGURES_VIEW)
        self.enterprises_ok = _in_scope(user, Perm.MASS_ORGS_VIEW, org.pk)
        self.targets_ok = has_perm(user, Perm.TARGETS_VIEW)

    def members(self, day: datetime.date | None = None, **filters) -> str | None:
        if not self.members_ok:
            return None
        when = format_vn_date(day) if day else self.day
        return reverse("web:member-list") + _query(day=when, organization=self.code, **filters)

    def admitted(self, start: datetime.date, end: datetime.date) -> str | None:
        if not self.members_ok:
            return None
        return reverse("web:member-list") + _query(
            day=format_vn_date(end),
            organization=self.code,
            admitted_from=format_vn_date(start),
            admitted_to=format_vn_date(end),
        )

    def founded(self, start: datetime.date, end: datetime.date) -> str | None:
        if not self.organizations_ok:
            return None
        return reverse("web:organization-list") + _query(
            day=format_vn_date(end),
            under=self.code,
            founded_from=format_vn_date(start),
            founded_to=format_vn_date(end),
        )

    def in_progress(self) -> str | None:
        if not self.candidates_ok:
            return None
        return reverse("development:board") + _query(in_progress_on=self.day, organization=self.code)

    def overdue(self) -> str | None:
        if not self.candidates_ok:
            return None
        return reverse("development:todo") + _query(day=self.day, due="overdue", organization=self.code)

    def funnel(self, start: datetime.date) -> str | None:
        if not self.funnel_ok:
            return None
        return reverse("development:funnel") + _query(
            organization=self.code, start=format_vn_date(start), end=self.day
        )

    def enterprises(self, has: str = "", zone: str | None = None) -> str | None:
        if not self.enterprises_ok:
            return None
        return reverse("enterprises:enterprise-list") + _query(
            has=has, day=self.day, organization=self.code, zone=zone
        )

    def target(self, progress) -> str | None:
        if not self.targets_ok or progress is None:
            return None
        return reverse("targets:target-detail", args=[progress.target.pk]) + _query(day=self.day)


def _target_note(progress) -> str:
    """ "96/190 (50,5%)": what the target's progress says, from figures.targets."""
    if progress is None:
        return ""
    return _("%(reached)s/%(number)s (%(percent)s) chỉ tiêu %(period)s") % {
        "reached": format_int(progress.reached),
        "number": format_int(progress.number),
        "percent": format_percent(progress.shown_percent),
        "period": progress.target.period_label,
    }


def _share(part: int, whole: int) -> str:
    return format_percent(percent(part, whole)) if whole else ""


def _organization_choices(user, tree) -> list[tuple[str, str]]:
    """(code, indented name) of the organizations of the user's figures scope that exist on the day, in the
    order of the tree."""
    visible = Organization.objects.visible_to(user, Perm.FIGURES_VIEW)
    ids = set(visible.values_list("pk", flat=True))
    choices = []
    for root in tree.roots():
        for org_id, depth in tree.depth_first(root):
            if org_id in ids:
                state = tree.states[org_id]
                choices.append((state.code, "\u2003" * depth + state.name))
    return choices


def _default_organization(user) -> Organization | None:
    """The whole installation for a user whose figures scope is everything, else the user's organization."""
    scope = figures_scope(user)
    if scope is None:
        try:
            return root_organization()
        except ObjectDoesNotExist:
            return None
    if user.organization_id and user.organization_id in scope:
        return user.organization
    return None


def _quick_days() -> list[datetime.date]:
    """Days easy to pick: the ends of the quarters of the last year up to the latest recorded event (the
    demo's data end on 30/06/2024), then that event's day."""
    latest = MembershipEvent.objects.filter(voided_at__isnull=True, date__lte=today()).aggregate(
        day=Max("date")
    )["day"]
    if latest is None:
        return []
    days = []
    for year in (latest.year - 1, latest.year):
        for month, last in ((3, 31), (6, 30), (9, 30), (12, 31)):
            day = datetime.date(year, month, last)
            if day < latest and (latest - day).days < 400:
                days.append(day)
    return [*days, latest]


def _chart(kind: str, labels: list[str], datasets: list[dict], **options) -> dict:
    return {"type": kind, "labels": labels, "datasets": datasets, **options}


def _build(request, org: Organization, day: datetime.date, history: History) -> dict:
    user = request.user
    candidates = None
    if has_perm(user, Perm.CANDIDATES_VIEW):
        from dangvu.development.models import Candidate

        # The same candidates as the board and the to-do list the figures link to.
        candidates = Candidate.objects.visible_to(user, Perm.CANDIDATES_VIEW)
    figures = dashboard_figures(org.pk, day, history=history, candidates=candidates)
    links = Links(user, org, day)
    members = figures.members
    first = year_start(day)
    admissions = figures.admissions_target
    founding = figures.founding_target
    headline = [
        Figure("members-total", _("Đảng viên"), members.total, url=links.members()),
        Figure(
            "members-full",
            _("Đảng viên chính thức"),
            members.full,
            _share(members.full, members.total),
            links.members(status="full"),
        ),
        Figure(
            "members-probationary",
            _("Đảng viên dự bị"),
            members.probationary,
            _share(members.probationary, members.total),
            links.members(status="probationary"),
        ),
    ]
    if admissions is not None:
        headline.append(
            Figure(
                "admitted-in-year",
                _("Kết nạp năm %(year)s") % {"year": day.year},
                admissions.reached,
                _target_note(admissions),
                links.admitted(admissions.start, admissions.counted_to or day),
            )
        )
    else:
        headline.append(
            Figure(
                "admitted-in-year",
                _("Kết nạp từ đầu năm %(year)s") % {"year": day.year},
                figures.admitted_in_year,
                _("chưa giao chỉ tiêu"),
                links.admitted(first, day),
            )
        )
    if founding is not None:
        headline.append(
            Figure(
                "founded-in-year",
                _("Tổ chức đảng thành lập năm %(year)s") % {"year": day.year},
                founding.reached,
                _target_note(founding),
                links.founded(founding.start, founding.counted_to or day),
            )
        )
    else:
        headline.append(
            Figure(
                "founded-in-year",
                _("Tổ chức đảng thành lập từ đầu năm %(year)s") % {"year": day.year},
                figures.founded_in_year,
                _("chưa giao chỉ tiêu"),
                links.founded(first, day),
            )
        )
    coverage = figures.coverage
    if coverage is not None:
        unions, party = coverage["unions"], coverage["party"]
        total = coverage["enterprises"]["total"]
        headline += [
            Figure(
                "enterprises-with-union",
                _("Doanh nghiệp có công đoàn cơ sở"),
                unions["enterprises_with_union"],
                _("trên %(n)s doanh nghiệp") % {"n": format_int(total)},
                links.enterprises("union"),
            ),
            Figure(
                "enterprises-with-party",
                _("Doanh nghiệp có tổ chức đảng"),
                party["enterprises_with_party"],
                _("trên %(n)s doanh nghiệp") % {"n": format_int(total)},
                links.enterprises("party"),
            ),
        ]
    if figures.in_progress is not None:
        headline += [
            Figure(
                "candidates-in-progress",
                _("Quần chúng ưu tú đang bồi dưỡng"),
                len(figures.in_progress),
                _("chưa có quyết định kết nạp"),
                links.in_progress(),
            ),
            Figure(
                "candidates-overdue",
                _("Quần chúng có việc quá hạn"),
                len(figures.overdue),
                _("quyết định, lễ kết nạp, xét chính thức… quá hạn"),
                links.overdue(),
            ),
        ]

    # The charts, each with its table (the reference without JavaScript), every number linked to its list.
    over_time = [
        {"label": f"{end.month:02d}/{end.year}", "day": end, "value": n, "url": links.members(end)}
        for end, n in figures.members_over_time
    ]
    by_month = [
        {
            "label": _("Tháng %(m)s") % {"m": item.end.month},
            "end": item.end,
            "admitted": item.admitted,
            "cumulative": item.cumulative,
            "expected": item.expected,
            "expected_text": "" if item.expected is None else str(item.expected).replace(".", ","),
            "url": links.admitted(datetime.date(item.end.year, item.end.month, 1), item.end),
            "cumulative_url": links.admitted(first, item.end),
        }
        for item in figures.admissions_by_month
    ]
    sectors = [
        {
            "label": str(Sector.ENTERPRISE.label),
            "value": members.enterprise,
            "url": links.members(sector="enterprise"),
        },
        {
            "label": str(Sector.ADMINISTRATIVE.label),
            "value": members.administrative,
            "url": links.members(sector="administrative"),
        },
    ]
    genders = [
        {"label": str(Gender.MALE.label), "value": members.male, "url": links.members(gender="male")},
        {"label": str(Gender.FEMALE.label), "value": members.female, "url": links.members(gender="female")},
    ]
    ages = [
        {
            "label": str(band.label),
            "value": members.by_age_band.get(band.value, 0),
            "url": links.members(age_band=band.value),
        }
        for band in AgeBand
    ]
    funnel_rows = []
    if figures.funnel is not None:
        from dangvu.development.views.funnel import FIGURE_LABELS

        funnel_rows = [
            {"label": str(FIGURE_LABELS[name]), "value": figures.funnel[name]} for name in FUNNEL_STEPS
        ]
    zones = []
    if coverage is not None:
        zones = [
            {
                "label": row["name"],
                "enterprises": row["enterprises"],
                "with_union": row["with_union"],
                "with_party": row["with_party"],
                "url": links.enterprises("", row["zone"]) if row["zone"] else None,
                "union_url": links.enterprises("union", row["zone"]) if row["zone"] else None,
                "party_url": links.enterprises("party", row["zone"]) if row["zone"] else None,
            }
            for row in coverage["by_zone"]
        ]
    pace = admissions is not None
    charts = {
        "members_over_time": _chart(
            "line",
            [r["label"] for r in over_time],
            [{"label": _("Đảng viên"), "data": [r["value"] for r in over_time]}],
        ),
        "admissions": _chart(
            "bar",
            [r["label"] for r in by_month],
            [
                {"label": _("Kết nạp trong tháng"), "data": [r["admitted"] for r in by_month]},
                {
                    "label": _("Cộng dồn từ đầu năm"),
                    "type": "line",
                    "data": [r["cumulative"] for r in by_month],
                },
                *(
                    [
                        {
                            "label": _("Tiến độ kế hoạch"),
                            "type": "line",
                            "dashed": True,
                            "data": [float(r["expected"]) for r in by_month],
                        }
                    ]
                    if pace
                    else []
                ),
            ],
        ),
        "sectors": _chart(
            "doughnut",
            [r["label"] for r in sectors],
            [{"label": _("Đảng viên"), "data": [r["value"] for r in sectors]}],
        ),
        "genders": _chart(
            "doughnut",
            [r["label"] for r in genders],
            [{"label": _("Đảng viên"), "data": [r["value"] for r in genders]}],
        ),
        "ages": _chart(
            "bar", [r["label"] for r in ages], [{"label": _("Đảng viên"), "data": [r["value"] for r in ages]}]
        ),
        "funnel": _chart(
            "bar",
            [r["label"] for r in funnel_rows],
            [{"label": _("Số quần chúng"), "data": [r["value"] for r in funnel_rows]}],
            horizontal=True,
        ),
        "zones": _chart(
            "bar",
            [r["label"] for r in zones],
            [
                {"label": _("Doanh nghiệp"), "data": [r["enterprises"] for r in zones]},
                {"label": _("Có công đoàn cơ sở"), "data": [r["with_union"] for r in zones]},
                {"label": _("Có tổ chức đảng"), "data": [r["with_party"] for r in zones]},
            ],
        ),
    }
    return {
        "figures": figures,
        "headline": headline,
        "over_time": over_time,
        "by_month": by_month,
        "pace": pace,
        "admissions_target": admissions,
        "admissions_target_url": links.target(admissions),
        "sectors": sectors,
        "genders": genders,
        "ages": ages,
        "breakdown_groups": [sectors, genders, ages],
        "funnel_rows": funnel_rows,
        "funnel_url": links.funnel(first),
        "zones": zones,
        "charts": charts,
        "year_start": first,
    }


@login_required
def dashboard(request):
    """Needs figures.view for the figures (a user without it sees the page and the navigation only); the
    organization is one of the user's figures scope (another one is not found: 404)."""
    user = request.user
    day, day_form = read_day(request)
    context = {"day": day, "day_form": day_form, "quick_days": [], "org": None, "can_see_figures": False}
    if not has_perm(user, Perm.FIGURES_VIEW):
        return render(request, "web/dashboard.html", context)
    history = History.load()
    tree = history.tree_on(day)
    code = (request.GET.get("organization") or "").strip()
    if code:
        org = Organization.objects.visible_to(user, Perm.FIGURES_VIEW).filter(code=code).first()
        if org is None:
            raise Http404(_("Không tìm thấy tổ chức trong phạm vi được xem."))
    else:
        org = _default_organization(user)
    state = history.state_on(org.pk, day) if org is not None else None
    context.update(
        {
            "can_see_figures": True,
            "org": org,
            "org_name": state.name if state is not None else (org.name if org else ""),
            "exists": state is not None,
            "choices": _organization_choices(user, tree),
            "quick_days": _quick_days(),
        }
    )
    if state is not None:
        context.update(_build(request, org, day, history))
    return render(request, "web/dashboard.html", context)
