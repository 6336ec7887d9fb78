"""What the enterprises API reads and writes. Writes are checked here only for their shape (types, dates in
YYYY-MM-DD, known codes, records in the user's scope); every rule is checked by the service the view calls."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.api.fields import OrganizationCodeField
from dangvu.members.models import Member

from ..choices import (
    Country,
    EnterpriseStatus,
    Industry,
    MassOrganizationKind,
    MassOrganizationLevel,
    Ownership,
    ZoneKind,
)
from ..models import (
    Enterprise,
    EnterpriseStatusChange,
    MassOrganization,
    MembershipSnapshot,
    PartyCoverage,
    WorkforceSnapshot,
    Workplace,
    Zone,
)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A record named by its id, found only among those the requesting user may change (the model's
    `visible_to(user, perm)`): one outside the scope is "not found", like one that does not exist."""

    default_error_messages = {
        "does_not_exist": _("Không tìm thấy mã {pk_value}."),
        "incorrect_type": _("Mã phải là số nguyên."),
    }

    def __init__(self, *, perm: str, **kwargs):
        self.perm = perm
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return queryset.visible_to(request.user, self.perm) if request is not None else queryset.none()


class EnterpriseStatusField(serializers.ChoiceField):
    """An enterprise status: licensed, building, operating (stably), suspended, closed. In the schema it is
    EnterpriseStatusEnum (settings: ENUM_NAME_OVERRIDES), since members have a `status` too."""

    def __init__(self, **kwargs):
        super().__init__(choices=EnterpriseStatus.choices, **kwargs)


class ZoneCodeField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": _("Không có khu mã “{value}”."),
        "invalid": _("Mã khu không hợp lệ."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Zone.objects.all())
        super().__init__(**kwargs)


# Zones -----------------------------------------------------------------------------------------------------


class ZoneSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ZoneKind.choices)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Zone
        fields = ["id", "code", "name", "kind", "kind_label", "note"]
        read_only_fields = ["id"]
        extra_kwargs = {"note": {"required": False}, "code": {"validators": []}}


# Enterprises -----------------------------------------------------------------------------------------------


class EnterpriseSerializer(serializers.ModelSerializer):
    """An enterprise with its status on `as_of` (the queryset's `status_on` annotation)."""

    zone = ZoneCodeField(read_only=True)
    ownership_label = serializers.CharField(source="get_ownership_display", read_only=True)
    industry_label = serializers.CharField(source="get_industry_display", read_only=True)
    countries = serializers.ListField(child=serializers.CharField(), read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "tax_code",
            "zone",
            "address",
            "ownership",
            "ownership_label",
            "industry",
            "industry_label",
            "countries",
            "status",
            "note",
        ]
        read_only_fields = fields

    def get_status(self, enterprise) -> str | None:
        return getattr(enterprise, "status_on", None) or None


class EnterpriseWriteSerializer(serializers.Serializer):
    """The register entry; in a change, a field left out stays as it is (services.update_enterprise)."""

    name = serializers.CharField(max_length=300, required=False)
    tax_code = serializers.CharField(
        max_length=20,
        required=False,
        help_text=_("10 chữ số, hoặc 10 chữ số và mã chi nhánh: 0201234567-001."),
    )
    zone = ZoneCodeField(required=False, allow_null=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    ownership = serializers.ChoiceField(choices=Ownership.choices, required=False)
    industry = serializers.ChoiceField(choices=Industry.choices, required=False)
    countries = serializers.ListField(
        child=serializers.ChoiceField(choices=Country.choices),
        required=False,
        help_text=_("Mã ISO 2 chữ cái của các nước đầu tư, nước chính trước."),
    )
    note = serializers.CharField(required=False, allow_blank=True)


class EnterpriseCreateSerializer(EnterpriseWriteSerializer):
    status = EnterpriseStatusField(
        default=EnterpriseStatus.LICENSED,
        help_text=_("Tình trạng đầu tiên: được cấp phép, đang xây dựng hoặc hoạt động ổn định."),
    )
    date = serializers.DateField(help_text=_("Ngày của tình trạng đầu tiên (thường là ngày cấp phép)."))
    decision_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class StatusChangeSerializer(serializers.ModelSerializer):
    status = EnterpriseStatusField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_void = serializers.BooleanField(read_only=True)

    class Meta:
        model = EnterpriseStatusChange
        fields = [
            "id",
            "status",
            "status_label",
            "date",
            "decision_number",
            "note",
            "recorded_by",
            "is_void",
            "voided_at",
            "void_reason",
        ]
        read_only_fields = fields


class StatusInputSerializer(serializers.Serializer):
    status = EnterpriseStatusField()
    date = serializers.DateField()
    decision_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Lý do đính chính."))


# Snapshots -------------------------------------------------------------------------------------------------


class WorkforceSerializer(serializers.ModelSerializer):
    enterprise = ScopedRelatedField(perm="mass_orgs.change", queryset=Enterprise.objects.all())

    class Meta:
        model = WorkforceSnapshot
        fields = ["id", "enterprise", "date", "workers", "women", "young_workers", "note"]
        read_only_fields = ["id"]
        # Uniqueness and every rule are the service's to check (with a message that says what to fix).
        validators = []
        extra_kwargs = {
            "women": {"required": False},
            "young_workers": {"required": False},
            "note": {"required": False},
        }


class MembershipSnapshotSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(perm="mass_orgs.change", queryset=MassOrganization.objects.all())

    class Meta:
        model = MembershipSnapshot
        fields = ["id", "organization", "date", "members", "note"]
        read_only_fields = ["id"]
        validators = []
        extra_kwargs = {"note": {"required": False}}


# Mass organizations ----------------------------------------------------------------------------------------


class MassOrganizationSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=MassOrganizationKind.choices)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    level = serializers.ChoiceField(
        choices=MassOrganizationLevel.choices, default=MassOrganizationLevel.GRASSROOTS
    )
    enterprise = ScopedRelatedField(
        perm="mass_orgs.change", queryset=Enterprise.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = MassOrganization
        fields = [
            "id",
            "kind",
            "kind_label",
            "level",
            "name",
            "enterprise",
            "unit",
            "founded_on",
            "founding_decision",
            "dissolved_on",
            "dissolution_decision",
            "chair",
            "note",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {
            name: {"required": False}
            for name in ("unit", "founding_decision", "dissolved_on", "dissolution_decision", "chair", "note")
        }


class MassOrganizationDissolveSerializer(serializers.Serializer):
    date = serializers.DateField(help_text=_("Ngày giải thể (tổ chức không còn từ ngày này)."))
    decision_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


# Party coverage and workplaces -----------------------------------------------------------------------------


class PartyCoverageSerializer(serializers.ModelSerializer):
    organization = OrganizationCodeField(perm="mass_orgs.change", help_text=_("Mã tổ chức đảng."))
    enterprise = ScopedRelatedField(perm="mass_orgs.change", queryset=Enterprise.objects.all())

    class Meta:
        model = PartyCoverage
        fields = [
            "id",
            "organization",
            "enterprise",
            "start",
            "end",
            "decision_number",
            "end_decision_number",
            "note",
        ]
        read_only_fields = ["id", "end", "end_decision_number"]
        extra_kwargs = {"decision_number": {"required": False}, "note": {"required": False}}


class LinkEndSerializer(serializers.Serializer):
    end = serializers.DateField(help_text=_("Ngày đầu tiên không còn (YYYY-MM-DD)."))
    decision_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class WorkplaceSerializer(serializers.ModelSerializer):
    member = ScopedRelatedField(perm="members.change", queryset=Member.objects.all())
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())

    class Meta:
        model = Workplace
        fields = ["id", "member", "enterprise", "start", "end", "note"]
        read_only_fields = ["id", "end"]
        extra_kwargs = {"note": {"required": False}}


# The coverage figures: the shape of figures.coverage.coverage(), for the schema ---------------------------


class CoverageQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text=_("Ngày (YYYY-MM-DD); mặc định là hôm nay."))
    zone = ZoneCodeField(required=False, help_text=_("Mã khu; mặc định là toàn bộ doanh nghiệp."))
