"""The lists of member development on the one list machinery (`dangvu.core.lists`): the board of candidates
by step, and the to-do list (việc cần làm) of what is due in the user's scope.

What is due and overdue comes from `development.deadlines` (the one definition of the deadlines); these
configurations only choose, sort and show.
"""

import datetime
from collections import defaultdict
from functools import cached_property

from django.db.models import Case, Count, DateField, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.personal_data import mask_birth_date, mask_national_id
from dangvu.core.dates import format_vn_date, today
from dangvu.core.lists import Column, ObjectList
from dangvu.core.search import search_q
from dangvu.core.text import normalize
from dangvu.figures.funnel import candidates_in_progress
from dangvu.organizations.tree import History

from .choices import PROGRESS, DueKind, StepKind
from .deadlines import DueItem, due_items
from .forms import CLOSED, DUE, EVERYONE, OVERDUE, BoardFilterForm, TodoFilterForm
from .models import Candidate

CLOSED_STAGES = [StepKind.STOPPED, StepKind.RECOGNIZED]
# The order of the board's columns and of the "step" sort: the process, then the candidates who stopped.
STAGE_ORDER = [*PROGRESS, StepKind.STOPPED]
BOARD_NAMES_PER_STEP = 6


def candidates_for(request, perm: str = Perm.CANDIDATES_VIEW):
    """The candidates the user may see (or act on with `perm`): the one entry point (accounts.scoping)."""
    return Candidate.objects.visible_to(request.user, perm)


def organizations_for(request, perm: str = Perm.CANDIDATES_VIEW):
    """The organizations a user may choose in the filters and forms of these pages."""
    from dangvu.organizations.models import Organization

    return Organization.objects.visible_to(request.user, perm)


def candidate_search_q(text: str) -> Q:
    """Every word in the name (accents and case ignored, core.search), or the digits of the national ID."""
    text = normalize(text)
    condition = search_q(text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 3 and digits == text.replace(" ", "").replace(".", ""):
        condition |= Q(national_id__contains=digits)
    return condition


def stage_order():
    """The position of the candidate's current step in the process, to sort by it."""
    return Case(
        *[When(stage=kind, then=Value(index)) for index, kind in enumerate(STAGE_ORDER)],
        default=Value(len(STAGE_ORDER)),
        output_field=IntegerField(),
    )


def candidate_url(candidate) -> str:
    return reverse("development:candidate", args=[candidate.pk])


def due_text(item: DueItem | None) -> str:
    """ "quá hạn 5 ngày", "hôm nay", "còn 3 ngày": how far the due date is."""
    if item is None:
        return ""
    if item.overdue:
        return _("Quá hạn %(n)s ngày") % {"n": -item.days_left}
    if item.days_left == 0:
        return _("Hạn là hôm nay")
    return _("Còn %(n)s ngày") % {"n": item.days_left}


def due_tag(item: DueItem | None):
    if item is None:
        return ""
    css = "tag tag-overdue" if item.overdue else "tag tag-due"
    return format_html('<span class="{}">{}</span>', css, due_text(item))


def first_due(items: list[DueItem]) -> DueItem | None:
    """The item that comes first: an overdue one, else the nearest due date (the order of due_items)."""
    return items[0] if items else None


class CandidateBoard(ObjectList):
    """Candidates in the user's scope, grouped by their current step: the board above the table shows each
    step as a column, the table lists them in the order of the process (search, filters, sort, export)."""

    title = gettext_lazy("Phát triển đảng viên")
    view_perm = Perm.CANDIDATES_VIEW
    filter_form = BoardFilterForm
    search_label = gettext_lazy("Họ tên hoặc số CCCD")
    search_help = gettext_lazy("Gõ có dấu hay không dấu đều được, ví dụ: vu thi hanh.")
    default_sort = "stage"
    export_filename = "quan-chung-uu-tu"
    template_name = "development/board.html"
    results_template = "development/board_results.html"
    empty_text = gettext_lazy("Không có quần chúng nào khớp với điều kiện tìm kiếm và lọc.")

    columns = [
        Column("name", gettext_lazy("Họ và tên"), "full_name", sort=("sort_key",), link=candidate_url),
        Column(
            "birth_date",
            gettext_lazy("Ngày sinh"),
            lambda c: mask_birth_date(c.birth_date),
            sort=("birth_date",),
            css="nowrap",
            in_export=False,
        ),
        Column(
            "birth_year", gettext_lazy("Năm sinh"), lambda c: c.birth_date.year, kind="int", on_page=False
        ),
        Column(
            "national_id",
            gettext_lazy("Số CCCD"),
            lambda c: mask_national_id(c.national_id),
            css="nowrap mono",
        ),
        Column("source", gettext_lazy("Nguồn"), "get_source_display", sort=("source",)),
        Column("enterprise", gettext_lazy("Doanh nghiệp"), "enterprise_name", sort=("enterprise_name",)),
        Column(
            "organization",
            gettext_lazy("Tổ chức đảng bồi dưỡng"),
            "preparing_organization.name",
            sort=("preparing_organization__sort_key",),
        ),
        Column(
            "organization_code",
            gettext_lazy("Mã tổ chức"),
            "preparing_organization.code",
            on_page=False,
        ),
        Column("stage", gettext_lazy("Bước hiện tại"), "get_stage_display", sort=("stage_order", "stage_on")),
        Column("stage_on", gettext_lazy("Ngày của bước"), "stage_on", sort=("stage_on",), css="nowrap"),
        Column(
            "due",
            gettext_lazy("Việc đến hạn"),
            lambda c: c.due,
            display=lambda item: (
                format_html("{} {}", DueKind(item.kind).label, due_tag(item)) if item is not None else ""
            ),
            export_value=lambda c: str(DueKind(c.due.kind).label) if c.due else "",
        ),
        Column("due_on", gettext_lazy("Hạn"), lambda c: c.due.due_on if c.due else None, on_page=False),
        Column("due_state", gettext_lazy("Thời hạn"), lambda c: due_text(c.due), on_page=False),
    ]

    @property
    def day(self) -> datetime.date:
        return today()

    @cached_property
    def history(self) -> History:
        return History.load()

    def form_kwargs(self):
        return {"organizations": organizations_for(self.request)}

    def queryset(self):
        return candidates_for(self.request).select_related("preparing_organization")

    def search(self, queryset, text):
        return queryset.filter(candidate_search_q(text))

    def due_in_scope(self) -> list[DueItem]:
        """Everything due today in the user's scope (for the "overdue" filter)."""
        if not hasattr(self, "_due"):
            self._due = due_items(self.day, candidates_for(self.request))
        return self._due

    def filter(self, queryset, data):
        org = data.get("organization")
        in_progress_on = data.get("in_progress_on")
        if in_progress_on is not None:
            # In progress on that day under the organization (figures.funnel), whatever their step today.
            ids = candidates_in_progress(
                self.history, org.pk if org else None, in_progress_on, candidates_for(self.request)
            )
            queryset = queryset.filter(pk__in=sorted(ids))
        elif org is not None:
            under = self.history.ever_under(org.pk, self.day)
            queryset = queryset.filter(preparing_organization_id__in=sorted(under))
        if data.get("source"):
            queryset = queryset.filter(source=data["source"])
        if data.get("enterprise"):
            queryset = queryset.with_enterprise(data["enterprise"])
        if data.get("stage"):
            # A chosen step shows its candidates whatever the status filter says.
            queryset = queryset.filter(stage=data["stage"])
        elif data.get("status") == CLOSED:
            queryset = queryset.filter(stage__in=CLOSED_STAGES)
        elif data.get("status") != EVERYONE and in_progress_on is None:
            queryset = queryset.exclude(stage__in=CLOSED_STAGES)
        if data.get("due") in (OVERDUE, DUE):
            wanted = {item.candidate_id for item in self.due_in_scope() if item.overdue or data["due"] == DUE}
            queryset = queryset.filter(pk__in=sorted(wanted))
        return queryset

    def annotate(self, queryset):
        return queryset.annotate(stage_order=stage_order())

    def prepare(self, objects):
        """What is due for a page of candidates: one pass of deadlines.due_items over them."""
        by_candidate = defaultdict(list)
        ids = [c.pk for c in objects]
        for item in due_items(self.day, candidates_for(self.request).filter(pk__in=ids)):
            by_candidate[item.candidate_id].append(item)
        for candidate in objects:
            candidate.due = first_due(by_candidate.get(candidate.pk, []))

    def board(self) -> list[dict]:
        """The columns of the board: each step with the number of candidates of the current view at it and
        the first of them (those at the step longest first)."""
        current = self.objects().order_by()
        counts = dict(current.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
        chosen = self.filters.get("stage") or ""
        columns = []
        for kind in STAGE_ORDER:
            if kind == StepKind.COMMITTEE_AGREED and not counts.get(kind):
                continue
            n = counts.get(kind, 0)
            people = list(
                current.filter(stage=kind).order_by("stage_on", "sort_key", "pk")[:BOARD_NAMES_PER_STEP]
            )
            columns.append(
                {
                    "kind": kind,
                    "label": StepKind(kind).label,
                    "count": n,
                    "people": [(c, candidate_url(c)) for c in people],
                    "more": max(n - len(people), 0),
                    "url": self.url_with(stage=kind, status=EVERYONE, page=None),
                    "current": chosen == kind,
                }
            )
        return columns

    def extra_context(self):
        from dangvu.accounts.scoping import has_perm

        return {
            "board": self.board(),
            "partial": self.is_partial(),
            "can_add": has_perm(self.request.user, Perm.CANDIDATES_CHANGE),
            "can_see_funnel": has_perm(self.request.user, Perm.FIGURES_VIEW),
        }

    @property
    def export_title(self):
        return _("Quần chúng ưu tú %(day)s") % {"day": format_vn_date(self.day)}


class TodoList(ObjectList):
    """Việc cần làm: the candidates of the user's scope with something due on the day (deadlines.py), the
    overdue first (the earliest due date first), with what is due and by when."""

    title = gettext_lazy("Việc cần làm")
    view_perm = Perm.CANDIDATES_VIEW
    filter_form = TodoFilterForm
    search_label = gettext_lazy("Họ tên quần chúng")
    default_sort = "due_on"
    export_filename = "viec-can-lam"
    template_name = "development/todo.html"
    empty_text = gettext_lazy("Không có việc nào đến hạn khớp với điều kiện lọc.")

    columns = [
        Column(
            "due_on",
            gettext_lazy("Hạn"),
            lambda c: c.items[0].due_on if c.items else None,
            sort=("first_due", "sort_key"),
            css="nowrap",
        ),
        Column(
            "state",
            gettext_lazy("Thời hạn"),
            lambda c: first_due(c.items),
            display=due_tag,
            export_value=lambda c: due_text(first_due(c.items)),
        ),
        Column("name", gettext_lazy("Quần chúng"), "full_name", sort=("sort_key",), link=candidate_url),
        Column(
            "what",
            gettext_lazy("Việc cần làm"),
            lambda c: "; ".join(
                _("%(what)s (hạn %(due)s)") % {"what": DueKind(i.kind).label, "due": format_vn_date(i.due_on)}
                for i in c.items
            ),
        ),
        Column(
            "organization",
            gettext_lazy("Tổ chức đảng bồi dưỡng"),
            "preparing_organization.name",
            sort=("preparing_organization__sort_key",),
        ),
        Column("stage", gettext_lazy("Bước hiện tại"), "get_stage_display", sort=("stage_order", "stage_on")),
        Column("stage_on", gettext_lazy("Ngày của bước"), "stage_on", sort=("stage_on",), css="nowrap"),
    ]

    @property
    def day(self) -> datetime.date:
        return self.filters.get("day") or today()

    def form_kwargs(self):
        return {"organizations": organizations_for(self.request)}

    def queryset(self):
        return candidates_for(self.request).select_related("preparing_organization")

    def search(self, queryset, text):
        return queryset.filter(search_q(text))

    @property
    def items(self) -> dict[int, list[DueItem]]:
        """What is due on the day for the user's scope, by candidate, after the filters on the items."""
        if hasattr(self, "_items"):
            return self._items
        data = self.filters
        items = due_items(self.day, candidates_for(self.request))
        if data.get("kind"):
            items = [i for i in items if i.kind == data["kind"]]
        if data.get("due") == OVERDUE:
            items = [i for i in items if i.overdue]
        org = data.get("organization")
        if org is not None:
            under = History.load().ever_under(org.pk, self.day)
            items = [i for i in items if i.organization_id in under]
        self._items = defaultdict(list)
        for item in items:
            self._items[item.candidate_id].append(item)
        return self._items

    def filter(self, queryset, data):
        return queryset.filter(pk__in=sorted(self.items))

    def annotate(self, queryset):
        # The earliest due date of each candidate, to sort by it: overdue items come first.
        by_date = defaultdict(list)
        for candidate_id, items in self.items.items():
            by_date[items[0].due_on].append(candidate_id)
        first = Case(
            *[When(pk__in=sorted(ids), then=Value(day)) for day, ids in sorted(by_date.items())],
            default=Value(None),
            output_field=DateField(),
        )
        return queryset.annotate(first_due=first, stage_order=stage_order())

    def prepare(self, objects):
        for candidate in objects:
            candidate.items = self.items.get(candidate.pk, [])

    def extra_context(self):
        return {"day": self.day}

    @property
    def export_title(self):
        return _("Việc cần làm %(day)s") % {"day": format_vn_date(self.day)}
