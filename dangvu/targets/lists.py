"""The list pages of targets, ratings and commendations, on the one list machinery (`dangvu.core.lists`).

Progress is computed per page by `dangvu.figures.targets` (prepare()), never read from a column; the rating
summary above the ratings list comes from `dangvu.figures.ratings`."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import has_perm
from dangvu.core.dates import today
from dangvu.core.exports import DECIMAL
from dangvu.core.lists import Column, ObjectList
from dangvu.core.text import fold
from dangvu.figures.ratings import rating_summary
from dangvu.figures.targets import progress, rating_day
from dangvu.organizations.tree import History
from dangvu.web.querysets import organizations_for

from .choices import RatingLevel, RecipientKind
from .forms import CommendationFilterForm, RatingFilterForm, TargetFilterForm
from .models import Commendation, QualityRating, Target
from .scope import home_organization


class _HistoryMixin:
    @property
    def history(self) -> History:
        if not hasattr(self, "_history"):
            self._history = History.load()
        return self._history


class TargetList(_HistoryMixin, ObjectList):
    """Targets in the user's scope with their progress on a date."""

    title = gettext_lazy("Chỉ tiêu và tiến độ")
    view_perm = Perm.TARGETS_VIEW
    filter_form = TargetFilterForm
    search_label = gettext_lazy("Tổ chức nhận, số văn bản hoặc cấp giao")
    default_sort = "-start"
    export_filename = "chi-tieu"
    template_name = "targets/target_list.html"
    empty_text = gettext_lazy("Không có chỉ tiêu nào khớp với điều kiện tìm kiếm và lọc.")

    columns = [
        Column(
            "receiver",
            gettext_lazy("Tổ chức nhận"),
            "receiver.name",
            sort=("receiver__sort_key",),
            link=lambda t: reverse("targets:target-detail", args=[t.pk]),
        ),
        Column("measure", gettext_lazy("Nội dung"), "get_measure_display", sort=("measure",)),
        Column("start", gettext_lazy("Thời hạn"), "period_label", sort=("start", "end")),
        Column("number", gettext_lazy("Chỉ tiêu"), "number", sort=("number",), numeric=True),
        Column("reached", gettext_lazy("Đạt"), lambda t: t.progress.reached, numeric=True),
        Column("percent", gettext_lazy("Tỷ lệ"), lambda t: t.progress.percent, numeric=True),
        Column(
            "expected", gettext_lazy("Tiến độ kế hoạch"), lambda t: t.progress.expected_percent, numeric=True
        ),
        Column("pace", gettext_lazy("Đánh giá tiến độ"), lambda t: t.progress.pace_label),
        Column("assigned_by", gettext_lazy("Cấp giao"), "assigned_by"),
        Column("document", gettext_lazy("Văn bản"), "document_label"),
        Column("code", gettext_lazy("Mã tổ chức"), "receiver.code", on_page=False),
    ]

    @property
    def day(self) -> datetime.date:
        return self.filters.get("day") or today()

    def form_kwargs(self):
        return {"organizations": organizations_for(self.request)}

    def queryset(self):
        return Target.objects.visible_to(self.request.user).select_related("receiver", "assigner")

    def search(self, queryset, text):
        folded = fold(text)
        return queryset.filter(
            Q(receiver__search_key__contains=folded)
            | Q(receiver__code__icontains=text)
            | Q(document_number__icontains=text)
            | Q(assigner_name__icontains=text)
            | Q(assigner__search_key__contains=folded)
        )

    def filter(self, queryset, data):
        if data.get("organization"):
            queryset = queryset.filter(
                receiver_id__in=sorted(self.history.ever_under(data["organization"].pk, self.day))
            )
        if data.get("measure"):
            queryset = queryset.filter(measure=data["measure"])
        if data.get("year"):
            year = data["year"]
            queryset = queryset.filter(
                start__lte=datetime.date(year, 12, 31), end__gte=datetime.date(year, 1, 1)
            )
        if data.get("level") == "assigned":
            queryset = queryset.filter(parent__isnull=True)
        elif data.get("level") == "parts":
            queryset = queryset.filter(parent__isnull=False)
        return queryset

    def prepare(self, objects):
        for target in objects:
            target.progress = progress(target, self.day, self.history)

    def extra_context(self):
        return {
            "day": self.day,
            "can_change": has_perm(self.request.user, Perm.TARGETS_CHANGE),
        }


class RatingList(_HistoryMixin, ObjectList):
    """Ratings of a year in the user's scope, with the year's summary for the chosen organization."""

    title = gettext_lazy("Đánh giá, xếp loại chất lượng")
    view_perm = Perm.RATINGS_VIEW
    filter_form = RatingFilterForm
    search_label = gettext_lazy("Tên đảng viên hoặc tổ chức")
    default_sort = "subject"
    export_filename = "xep-loai-chat-luong"
    template_name = "targets/rating_list.html"
    empty_text = gettext_lazy("Chưa có kết quả xếp loại nào khớp với điều kiện lọc.")

    columns = [
        Column("year", gettext_lazy("Năm"), "year", sort=("year",), display=str),
        Column(
            "subject",
            gettext_lazy("Đảng viên, tổ chức"),
            "subject_name",
            sort=("member__sort_key", "organization__sort_key"),
        ),
        Column(
            "kind",
            gettext_lazy("Đối tượng"),
            lambda r: str(gettext_lazy("Đảng viên") if r.member_id else gettext_lazy("Tổ chức đảng")),
        ),
        Column(
            "unit",
            gettext_lazy("Tổ chức đánh giá"),
            "unit.name",
            sort=("unit__sort_key",),
            link=lambda r: reverse("targets:rating-entry", args=[r.unit_id, r.year]),
        ),
        Column("level", gettext_lazy("Mức xếp loại"), "get_level_display", sort=("level",)),
        Column(
            "score",
            gettext_lazy("Điểm"),
            lambda r: r.score,
            sort=("score",),
            numeric=True,
            kind=DECIMAL,
            display=lambda v: "" if v is None else str(v).replace(".", ","),
        ),
        Column("notes", gettext_lazy("Nhận xét"), "notes"),
    ]

    @property
    def year(self) -> int:
        return self.filters.get("year") or today().year - 1

    @property
    def organization(self):
        return self.filters.get("organization") or home_organization(self.request.user)

    def form_kwargs(self):
        return {"organizations": organizations_for(self.request)}

    def queryset(self):
        return QualityRating.objects.visible_to(self.request.user).select_related(
            "member", "organization", "unit"
        )

    def search(self, queryset, text):
        folded = fold(text)
        return queryset.filter(
            Q(member__search_key__contains=folded) | Q(organization__search_key__contains=folded)
        )

    def filter(self, queryset, data):
        queryset = queryset.filter(year=self.year)
        if data.get("organization"):
            units = self.history.ever_under(data["organization"].pk, rating_day(self.year))
            queryset = queryset.filter(unit_id__in=sorted(units))
        if data.get("kind") == "member":
            queryset = queryset.filter(member__isnull=False)
        elif data.get("kind") == "organization":
            queryset = queryset.filter(organization__isnull=False)
        if data.get("level"):
            queryset = queryset.filter(level=data["level"])
        return queryset

    def extra_context(self):
        org = self.organization
        summary = rating_summary(org.pk, self.year, self.history) if org is not None else None
        return {
            "year": self.year,
            "summary_org": org,
            "summary": summary,
            "levels": RatingLevel,
            "can_change": has_perm(self.request.user, Perm.RATINGS_CHANGE),
        }


class CommendationList(ObjectList):
    """The commendation register: one row per collective or individual commended."""

    title = gettext_lazy("Sổ khen thưởng")
    view_perm = Perm.COMMENDATIONS_VIEW
    filter_form = CommendationFilterForm
    search_label = gettext_lazy("Tên tập thể, cá nhân, số quyết định hoặc lý do")
    default_sort = "-date"
    export_filename = "so-khen-thuong"
    template_name = "targets/commendation_list.html"
    empty_text = gettext_lazy("Không có tập thể, cá nhân nào khớp với điều kiện tìm kiếm và lọc.")

    columns = [
        Column("name", gettext_lazy("Tập thể, cá nhân"), "name", sort=("sort_key",)),
        Column(
            "kind",
            gettext_lazy("Đối tượng"),
            lambda c: str(
                RecipientKind.COLLECTIVE.label if c.is_collective else RecipientKind.INDIVIDUAL.label
            ),
        ),
        Column(
            "number",
            gettext_lazy("Số quyết định"),
            "decision.number",
            sort=("decision__number",),
            link=lambda c: reverse("targets:commendation-detail", args=[c.decision_id]),
        ),
        Column(
            "date", gettext_lazy("Ngày quyết định"), "decision.date", sort=("decision__date",), css="nowrap"
        ),
        Column("issuer", gettext_lazy("Cấp khen thưởng"), "decision.issuer", sort=("decision__issuer",)),
        Column("form", gettext_lazy("Hình thức"), "decision.form"),
        # The page shows the beginning of the reason (the decision's page and the export give all of it).
        Column(
            "reason",
            gettext_lazy("Lý do khen thưởng"),
            "decision.reason",
            display=lambda v: Truncator(v).chars(90),
        ),
    ]

    def queryset(self):
        return Commendation.objects.visible_to(self.request.user).select_related("decision")

    def search(self, queryset, text):
        folded = fold(text)
        return queryset.filter(
            Q(search_key__contains=folded)
            | Q(decision__search_key__contains=folded)
            | Q(decision__number__icontains=text)
        )

    def filter(self, queryset, data):
        if data.get("year"):
            queryset = queryset.filter(decision__date__year=data["year"])
        if data.get("kind") == RecipientKind.COLLECTIVE:
            queryset = queryset.filter(organization__isnull=False)
        elif data.get("kind") == RecipientKind.INDIVIDUAL:
            queryset = queryset.filter(member__isnull=False)
        if data.get("issuer"):
            queryset = queryset.filter(decision__search_key__contains=fold(data["issuer"]))
        if data.get("date_from"):
            queryset = queryset.filter(decision__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(decision__date__lte=data["date_to"])
        return queryset

    def extra_context(self):
        return {"can_change": has_perm(self.request.user, Perm.COMMENDATIONS_CHANGE)}
