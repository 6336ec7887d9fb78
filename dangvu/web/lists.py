"""The list pages, configured on the one list machinery (`dangvu.core.lists`): members and organizations.

Who belongs where on a date comes from `dangvu.figures.counting` (members_on, standing_on, the tree of
`History`); these configurations only choose, sort and show.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.personal_data import mask_birth_date, mask_national_id
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import format_vn_date, today
from dangvu.core.lists import Column, ObjectList
from dangvu.core.search import member_search_q
from dangvu.core.text import fold, normalize
from dangvu.figures.counting import (
    Scope,
    admitted_members,
    age_band_birth_range,
    former_members_on,
    founded_organizations,
    members_on,
    standing_on,
)
from dangvu.members.choices import ENDING_KINDS, EventKind, MemberStatus
from dangvu.members.models import MembershipEvent, MembershipPeriod
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.tree import History

from .forms.members import MemberFilterForm
from .forms.organizations import OrganizationFilterForm
from .querysets import members_for, organizations_for


def search_members(queryset, text: str):
    """Accent- and case-insensitive search on the name, and on the national ID and card number by their digits
    (core.search, shared with the API and the command line)."""
    return queryset.filter(member_search_q(text))


@dataclass
class Row:
    """What a member row shows about the date D besides the personal record."""

    organization_id: int | None = None
    organization_name: str = ""
    organization_code: str = ""
    admitted_on: datetime.date | None = None
    recognized_on: datetime.date | None = None
    status: str = ""
    status_label: str = ""
    ended_on: datetime.date | None = None


class MemberList(ObjectList):
    """Members of an organization (with everything under it) on a date: search, filters, sort, export."""

    title = gettext_lazy("Đảng viên")
    view_perm = Perm.MEMBERS_VIEW
    filter_form = MemberFilterForm
    search_label = gettext_lazy("Họ tên, số CCCD hoặc số thẻ")
    search_help = gettext_lazy("Gõ có dấu hay không dấu đều được, ví dụ: nguyen thi hang.")
    default_sort = "name"
    export_filename = "dang-vien"
    template_name = "web/members/list.html"
    empty_text = gettext_lazy("Không có đảng viên nào khớp với điều kiện tìm kiếm và lọc.")

    columns = [
        Column(
            "name",
            gettext_lazy("Họ và tên"),
            "full_name",
            sort=("sort_key",),
            link=lambda m: reverse("web:member-detail", args=[m.pk]),
        ),
        Column("gender", gettext_lazy("Giới tính"), "get_gender_display"),
        # Personal data are masked in lists and exports (accounts.personal_data): the year of birth only,
        # exported as a number, and the last four digits of the national ID.
        Column(
            "birth_date",
            gettext_lazy("Ngày sinh"),
            lambda m: mask_birth_date(m.birth_date),
            sort=("birth_date",),
            css="nowrap",
            in_export=False,
        ),
        Column(
            "birth_year", gettext_lazy("Năm sinh"), lambda m: m.birth_date.year, kind="int", on_page=False
        ),
        Column(
            "national_id",
            gettext_lazy("Số CCCD"),
            lambda m: mask_national_id(m.national_id),
            css="nowrap mono",
        ),
        Column("card_number", gettext_lazy("Số thẻ"), "card_number"),
        Column(
            "organization",
            gettext_lazy("Tổ chức đảng"),
            lambda m: m.row.organization_name,
            link=lambda m: (
                reverse("web:organization-detail", args=[m.row.organization_id])
                if m.row.organization_id
                else None
            ),
        ),
        Column(
            "organization_code", gettext_lazy("Mã tổ chức"), lambda m: m.row.organization_code, on_page=False
        ),
        Column(
            "admitted_on",
            gettext_lazy("Ngày vào Đảng"),
            lambda m: m.row.admitted_on,
            sort=("admitted_on_day",),
        ),
        Column("recognized_on", gettext_lazy("Ngày chính thức"), lambda m: m.row.recognized_on),
        Column("status", gettext_lazy("Tình trạng"), lambda m: m.row.status_label),
    ]

    @property
    def day(self) -> datetime.date:
        return self.filters.get("day") or today()

    @property
    def history(self) -> History:
        if not hasattr(self, "_history"):
            self._history = History.load()
        return self._history

    def form_kwargs(self):
        return {"organizations": organizations_for(self.request)}

    def queryset(self):
        return members_for(self.request)

    def search(self, queryset, text):
        return search_members(queryset, text)

    def filter(self, queryset, data):
        day = self.day
        org = data.get("organization")
        scope = Scope(day, org.pk if org else None, self.history)
        status = data.get("status") or ""
        sector = data.get("sector") or None
        if data.get("admitted_from") or data.get("admitted_to"):
            # Admitted in the period under the organization (counting.admission_events, as flows counts them),
            # whatever became of them since; a status or sector chosen as well narrows to those members on D.
            start = data.get("admitted_from") or datetime.date.min
            end = data.get("admitted_to") or day
            queryset = queryset.filter(
                pk__in=admitted_members(self.history, org.pk if org else None, start, end).values("pk")
            )
            if not (status or sector):
                return self._personal_filters(queryset, data, day)
        if status == MemberStatus.ENDED:
            queryset = queryset.filter(pk__in=former_members_on(scope, sector=sector).values("pk"))
        else:
            queryset = queryset.filter(
                pk__in=members_on(scope, status=status or None, sector=sector).values("pk")
            )
        return self._personal_filters(queryset, data, day)

    def _personal_filters(self, queryset, data, day):
        if data.get("gender"):
            queryset = queryset.filter(gender=data["gender"])
        if data.get("age_band"):
            oldest_excluded, newest = age_band_birth_range(day, data["age_band"])
            queryset = queryset.filter(birth_date__gt=oldest_excluded, birth_date__lte=newest)
        return queryset

    def annotate(self, queryset):
        # The admission date of the membership that covers D (or the last one before it), to sort by it.
        column, _descending = self.sort
        if column is None or column.name != "admitted_on":
            return queryset
        admitted = (
            MembershipPeriod.objects.filter(member=OuterRef("pk"), start__lte=self.day)
            .order_by("-start", "-id")
            .values("admitted_on")[:1]
        )
        return queryset.annotate(admitted_on_day=Subquery(admitted))

    def prepare(self, objects):
        """The organization and status on D of a page of members: two queries whatever the page size."""
        day = self.day
        history = self.history
        ids = [m.pk for m in objects]
        standing = standing_on(ids, day)
        missing = [i for i in ids if i not in standing]
        last_period: dict[int, MembershipPeriod] = {}
        ending: dict[int, MembershipEvent] = {}
        if missing:
            for period in MembershipPeriod.objects.filter(member_id__in=missing, start__lte=day).order_by(
                "start", "id"
            ):
                last_period[period.member_id] = period
            for event in MembershipEvent.objects.filter(
                member_id__in=missing, kind__in=ENDING_KINDS, date__lte=day, voided_at__isnull=True
            ).order_by("date", "id"):
                ending[event.member_id] = event
        for member in objects:
            row = Row()
            found = standing.get(member.pk)
            if found is not None:
                row.organization_id = found.organization_id
                row.admitted_on = found.admitted_on
                row.recognized_on = found.recognized_on
                row.status = found.status
                row.status_label = MemberStatus(found.status).label
            elif member.pk in last_period:
                period = last_period[member.pk]
                row.organization_id = period.organization_id
                row.admitted_on = period.admitted_on
                row.recognized_on = period.recognized_on
                row.status = MemberStatus.ENDED
                event = ending.get(member.pk)
                row.ended_on = event.date if event else period.end
                row.status_label = (
                    f"{EventKind(event.kind).label} {format_vn_date(event.date)}"
                    if event
                    else MemberStatus.ENDED.label
                )
            else:
                row.status_label = _("Chưa vào Đảng ngày %(day)s") % {"day": format_vn_date(day)}
            state = history.last_state_on(row.organization_id, day)
            if state is not None:
                row.organization_name = state.name
                row.organization_code = state.code
            member.row = row

    def can_export(self):
        return has_perm(self.request.user, Perm.MEMBERS_EXPORT)

    def export(self):
        """The current view in the import template, so that the file imports back unchanged (issue 8)."""
        from dangvu.transfer.exports import member_list_export

        if not self.can_export():
            raise PermissionDenied
        return member_list_export(self, full=self.full_export_allowed() and self.params.get("full") == "1")

    def full_export_allowed(self) -> bool:
        """The explicit export with personal data in full (recorded), which imports back unchanged."""
        return self.can_export() and has_perm(self.request.user, Perm.MEMBERS_REVEAL)

    def extra_context(self):
        org = self.filters.get("organization")
        return {
            "day": self.day,
            "organization": org,
            "can_add": has_perm(self.request.user, Perm.MEMBERS_CHANGE),
            "full_export_url": self.url_with(export="xlsx", full="1", page=None)
            if self.full_export_allowed()
            else None,
        }

    @property
    def export_title(self):
        org = self.filters.get("organization")
        where = org.name if org else _("toàn Đảng bộ")
        return _("Đảng viên %(where)s %(day)s") % {"where": where, "day": format_vn_date(self.day)}


@dataclass
class OrgRow:
    name: str = ""
    kind: str = ""
    sector: str = ""
    parent_name: str = ""
    parent_id: int | None = None
    members: int | None = None
    exists: bool = True


class OrganizationList(ObjectList):
    """Party organizations as they stood on a date, with their members on that date (everything under)."""

    title = gettext_lazy("Tổ chức đảng")
    view_perm = Perm.ORGANIZATIONS_VIEW
    filter_form = OrganizationFilterForm
    search_label = gettext_lazy("Tên hoặc mã tổ chức")
    default_sort = "name"
    export_filename = "to-chuc-dang"
    template_name = "web/organizations/list.html"
    empty_text = gettext_lazy("Không có tổ chức nào khớp với điều kiện lọc.")

    columns = [
        Column("code", gettext_lazy("Mã"), "code", sort=("code",), css="nowrap"),
        Column(
            "name",
            gettext_lazy("Tên tổ chức"),
            lambda o: o.row.name,
            sort=("sort_key",),
            link=lambda o: reverse("web:organization-detail", args=[o.pk]),
        ),
        Column("kind", gettext_lazy("Loại tổ chức"), lambda o: o.row.kind),
        Column("sector", gettext_lazy("Khối"), lambda o: o.row.sector),
        Column(
            "parent",
            gettext_lazy("Trực thuộc"),
            lambda o: o.row.parent_name,
            link=lambda o: (
                reverse("web:organization-detail", args=[o.row.parent_id]) if o.row.parent_id else None
            ),
        ),
        Column("founded_on", gettext_lazy("Ngày thành lập"), "founded_on", sort=("founded_on",)),
        Column("members", gettext_lazy("Số đảng viên"), lambda o: o.row.members, numeric=True, kind="int"),
    ]

    @property
    def day(self) -> datetime.date:
        return self.filters.get("day") or today()

    @property
    def history(self) -> History:
        if not hasattr(self, "_history"):
            self._history = History.load()
        return self._history

    def form_kwargs(self):
        return {"organizations": organizations_for(self.request)}

    def queryset(self):
        return organizations_for(self.request)

    def search(self, queryset, text):
        folded = fold(text)
        return queryset.filter(Q(search_key__contains=folded) | Q(code__icontains=normalize(text)))

    def filter(self, queryset, data):
        history = self.history
        day = self.day
        under = data.get("under")
        if data.get("founded_from") or data.get("founded_to"):
            # Founded in the period under the organization, even those that no longer exist on the day.
            start = data.get("founded_from") or datetime.date.min
            end = data.get("founded_to") or day
            ids = founded_organizations(history, under.pk if under else None, start, end)
        else:
            ids = history.tree_on(day).under(under.pk if under else None)
        states = {i: history.last_state_on(i, day) for i in ids}
        if data.get("kind"):
            ids = {i for i in ids if states[i] is not None and states[i].kind == data["kind"]}
        if data.get("sector"):
            ids = {i for i in ids if states[i] is not None and states[i].sector == data["sector"]}
        return queryset.filter(pk__in=sorted(ids))

    @property
    def totals(self) -> dict[int, int]:
        if not hasattr(self, "_totals"):
            from dangvu.figures.counting import member_counts, subtree_totals

            scope = Scope(self.day, None, self.history)
            self._totals = subtree_totals(scope, member_counts(scope, breakdowns=False).by_organization)
        return self._totals

    def prepare(self, objects):
        tree = self.history.tree_on(self.day)
        totals = self.totals
        for org in objects:
            state = tree.states.get(org.pk)
            row = OrgRow()
            if state is not None:
                row.name = state.name
                row.kind = OrganizationKind(state.kind).label
                row.sector = Sector(state.sector).label
                parent = tree.states.get(state.parent_id) if state.parent_id else None
                row.parent_name = parent.name if parent else state.external_parent
                row.parent_id = parent.id if parent else None
                row.members = totals.get(org.pk, 0)
            else:
                row.name = org.name
                row.exists = False
            org.row = row

    def extra_context(self):
        return {"day": self.day}

    def export(self):
        """The current view in the import template, with the members on the view's date beside each row."""
        from dangvu.transfer.exports import organization_list_export

        if not self.can_export():
            raise PermissionDenied
        return organization_list_export(self)

    @property
    def export_title(self):
        return _("Tổ chức đảng %(day)s") % {"day": format_vn_date(self.day)}
