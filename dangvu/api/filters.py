"""Query parameters of the API's lists, validated like any input (a bad value is a 400 naming the parameter).

Each list has one serializer for its query string: the view validates `request.query_params` with it and
drf-spectacular documents its fields as the list's parameters.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.core.dates import today
from dangvu.core.search import matches, search_q, search_words  # noqa: F401 (the API's names for them)
from dangvu.members.choices import EventKind, Gender, MemberStatus
from dangvu.organizations.choices import OrganizationKind, Sector

from .fields import OrganizationCodeField


class QuerySerializer(serializers.Serializer):
    """Validates a query string; `parse(request)` gives the validated values or raises a 400."""

    @classmethod
    def parse(cls, request) -> dict:
        serializer = cls(data=request.query_params, context={"request": request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class AsOfQuerySerializer(QuerySerializer):
    as_of = serializers.DateField(
        required=False, help_text=_("Ngày xem (YYYY-MM-DD); mặc định là hôm nay (giờ Việt Nam).")
    )


class OrganizationQuerySerializer(AsOfQuerySerializer):
    as_of = serializers.DateField(
        required=False,
        help_text=_(
            "Ngày xem (YYYY-MM-DD): chỉ các tổ chức tồn tại ngày đó, với tên, loại, khối và cấp trên của "
            "ngày đó. Không ghi: mọi tổ chức với trạng thái hiện nay."
        ),
    )
    search = serializers.CharField(
        required=False, help_text=_("Tìm theo tên hoặc mã, không phân biệt hoa thường và dấu.")
    )
    kind = serializers.ChoiceField(choices=OrganizationKind.choices, required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    parent = OrganizationCodeField(
        perm="organizations.view", required=False, help_text=_("Mã tổ chức cấp trên trực tiếp.")
    )
    ordering = serializers.ChoiceField(
        choices=[("name", "name"), ("-name", "-name"), ("code", "code"), ("-code", "-code")],
        required=False,
        default="name",
    )


class MemberQuerySerializer(AsOfQuerySerializer):
    org = OrganizationCodeField(
        perm="members.view",
        required=False,
        help_text=_("Mã tổ chức: đảng viên của tổ chức đó và mọi tổ chức trực thuộc vào ngày xem."),
    )
    search = serializers.CharField(
        required=False, help_text=_("Tìm theo họ tên, không phân biệt hoa thường và dấu.")
    )
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in (MemberStatus.FULL, MemberStatus.PROBATIONARY)],
        required=False,
        help_text=_("Chính thức hoặc dự bị vào ngày xem."),
    )
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    sector = serializers.ChoiceField(
        choices=Sector.choices, required=False, help_text=_("Khối của tổ chức đảng viên sinh hoạt ngày xem.")
    )
    ordering = serializers.ChoiceField(
        choices=[
            ("name", "name"),
            ("-name", "-name"),
            ("birth_date", "birth_date"),
            ("-birth_date", "-birth_date"),
        ],
        required=False,
        default="name",
        help_text=_("name: thứ tự tiếng Việt theo tên, tên đệm rồi họ."),
    )


MEMBER_ORDERING = {
    "name": ["sort_key", "id"],
    "-name": ["-sort_key", "-id"],
    "birth_date": ["birth_date", "sort_key", "id"],
    "-birth_date": ["-birth_date", "sort_key", "id"],
}


class EventQuerySerializer(QuerySerializer):
    member = serializers.IntegerField(required=False, help_text=_("Mã (id) đảng viên."))
    kind = serializers.ChoiceField(choices=EventKind.choices, required=False)
    org = OrganizationCodeField(
        perm="members.view", required=False, help_text=_("Biến động liên quan đến tổ chức này.")
    )
    date_from = serializers.DateField(required=False, help_text=_("Từ ngày (YYYY-MM-DD)."))
    date_to = serializers.DateField(required=False, help_text=_("Đến ngày (YYYY-MM-DD)."))

    def validate(self, attrs):
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_from"] > attrs["date_to"]:
            raise serializers.ValidationError({"date_to": [_("“Đến ngày” phải từ “Từ ngày” trở đi.")]})
        return attrs


class StatisticsQuerySerializer(QuerySerializer):
    org = OrganizationCodeField(
        perm="figures.view",
        required=False,
        help_text=_("Mã tổ chức (với mọi tổ chức trực thuộc); mặc định là Đảng bộ."),
    )
    as_of = serializers.DateField(required=False, help_text=_("Ngày (YYYY-MM-DD); mặc định là hôm nay."))
    period_from = serializers.DateField(
        required=False, help_text=_("Đầu kỳ (YYYY-MM-DD): thêm số liệu của kỳ [from, as_of].")
    )

    def get_fields(self):
        # The query parameter is `from`, a Python keyword.
        fields = super().get_fields()
        fields["from"] = fields.pop("period_from")
        return fields

    def validate(self, attrs):
        attrs["as_of"] = as_of = attrs.get("as_of") or today()
        start = attrs.get("from")
        if start and start > as_of:
            raise serializers.ValidationError({"from": [_("Đầu kỳ phải trước hoặc bằng ngày xem (as_of).")]})
        return attrs
