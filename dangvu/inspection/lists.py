"""The list of discipline decisions on the one list machinery (`dangvu.core.lists`)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.permissions import Perm
from dangvu.core.lists import Column, ObjectList
from dangvu.core.search import member_search_q
from dangvu.members.models import Member

from .forms import DisciplineFilterForm
from .models import DisciplineRecord


class DisciplineList(ObjectList):
    """Discipline decisions of the members in the user's scope; the page does not exist for anybody without
    `discipline.view` (404)."""

    title = gettext_lazy("Kỷ luật đảng viên")
    view_perm = Perm.DISCIPLINE_VIEW
    hidden_without_perm = True
    filter_form = DisciplineFilterForm
    search_label = gettext_lazy("Họ tên đảng viên hoặc số quyết định")
    default_sort = "-date"
    export_filename = "ky-luat"
    template_name = "inspection/list.html"
    empty_text = gettext_lazy("Không có quyết định kỷ luật nào khớp với điều kiện lọc.")

    columns = [
        Column("date", gettext_lazy("Ngày quyết định"), "date", sort=("date",), css="nowrap"),
        Column(
            "member",
            gettext_lazy("Đảng viên"),
            "member.full_name",
            sort=("member__sort_key",),
            link=lambda r: reverse("inspection:detail", args=[r.pk]),
        ),
        Column("form", gettext_lazy("Hình thức"), "get_form_display", sort=("form",)),
        Column("decision_number", gettext_lazy("Số quyết định"), "decision_number", css="nowrap"),
        Column("issuer", gettext_lazy("Cấp quyết định"), "issuer"),
        Column("reason", gettext_lazy("Nội dung vi phạm"), "reason", on_page=False),
        Column(
            "status",
            gettext_lazy("Tình trạng"),
            lambda r: _("Đã đính chính") if r.voided_at else _("Có hiệu lực"),
        ),
    ]

    def queryset(self):
        return DisciplineRecord.objects.visible_to(self.request.user).select_related("member")

    def search(self, queryset, text):
        return queryset.filter(
            Q(member__in=Member.objects.filter(member_search_q(text)))
            | Q(decision_number__icontains=text.strip())
        )

    def filter(self, queryset, data):
        status = data.get("status") or ""
        if status == "":
            queryset = queryset.filter(voided_at__isnull=True)
        elif status == "voided":
            queryset = queryset.filter(voided_at__isnull=False)
        if data.get("form"):
            queryset = queryset.filter(form=data["form"])
        if data.get("date_from"):
            queryset = queryset.filter(date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(date__lte=data["date_to"])
        return queryset
