"""What the API reads and writes. Writes are validated here only for their shape (types, dates in
YYYY-MM-DD, known codes); every rule of the domain is checked by the service the view calls."""

from django.db.models.manager import BaseManager
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dangvu.accounts.personal_data import mask_address, mask_birth_date_iso, mask_national_id, mask_phone
from dangvu.figures.counting import standing_on
from dangvu.members.choices import Education, EventKind, Gender, MemberStatus, TheoryLevel
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.choices import EnterpriseKind, OrganizationKind, Sector
from dangvu.organizations.models import Organization, OrganizationEvent

from .fields import OrganizationCodeField


def organization_codes(ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(Organization.objects.filter(pk__in=sorted(ids)).values_list("pk", "code"))


# Organizations -------------------------------------------------------------------------------------------


class OrganizationSerializer(serializers.Serializer):
    """An organization as it stood on `as_of` (name, kind, sector, parent of that date), or as it stands now.

    The context gives `as_of` (a date or None), `history` (organizations.tree.History, needed with a date)
    and `codes` ({id: code}); the view fills them once per request."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=OrganizationKind.choices, read_only=True)
    kind_label = serializers.CharField(read_only=True)
    sector = serializers.ChoiceField(choices=Sector.choices, read_only=True)
    enterprise_kind = serializers.CharField(read_only=True)
    parent = serializers.CharField(read_only=True, allow_null=True, help_text=_("Mã tổ chức cấp trên."))
    external_parent = serializers.CharField(read_only=True)
    is_core_cell = serializers.BooleanField(read_only=True)
    founded_on = serializers.DateField(read_only=True)
    ended_on = serializers.DateField(read_only=True, allow_null=True)
    as_of = serializers.DateField(read_only=True, allow_null=True)
    exists = serializers.BooleanField(read_only=True, help_text=_("Tồn tại vào ngày xem (hoặc hiện nay)."))

    def to_representation(self, org):
        as_of = self.context.get("as_of")
        state = None
        if as_of is not None:
            state = self.context["history"].state_on(org.pk, as_of)
            exists = state is not None
        else:
            exists = org.ended_on is None
        # The state of that date has the same attribute names as the organization's current columns.
        source = state or org
        codes = self.context.get("codes")
        if codes is None or (source.parent_id is not None and source.parent_id not in codes):
            codes = organization_codes([source.parent_id])
        return {
            "id": org.pk,
            "code": org.code,
            "name": source.name,
            "kind": source.kind,
            "kind_label": OrganizationKind(source.kind).label,
            "sector": source.sector,
            "enterprise_kind": source.enterprise_kind,
            "parent": codes.get(source.parent_id),
            "external_parent": source.external_parent,
            "is_core_cell": org.is_core_cell,
            "founded_on": org.founded_on.isoformat(),
            "ended_on": org.ended_on.isoformat() if org.ended_on else None,
            "as_of": as_of.isoformat() if as_of else None,
            "exists": exists,
        }


class OrganizationEventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = OrganizationCodeField(read_only=True)
    related = OrganizationCodeField(read_only=True)

    class Meta:
        model = OrganizationEvent
        fields = [
            "id",
            "kind",
            "kind_label",
            "date",
            "decision_number",
            "name",
            "org_kind",
            "sector",
            "enterprise_kind",
            "parent",
            "external_parent",
            "exists",
            "related",
            "note",
            "recorded_by",
            "voided_at",
            "void_reason",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer):
    date = serializers.DateField(help_text=_("Ngày của quyết định (YYYY-MM-DD)."))
    decision_number = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text=_("Số quyết định.")
    )


class FoundSerializer(DecisionSerializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    sector = serializers.ChoiceField(choices=Sector.choices)
    enterprise_kind = serializers.ChoiceField(
        choices=EnterpriseKind.choices, required=False, allow_blank=True, default=""
    )
    parent = OrganizationCodeField(perm="organizations.change", required=False, allow_null=True, default=None)
    external_parent = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    is_core_cell = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RenameSerializer(DecisionSerializer):
    name = serializers.CharField(max_length=300)


class MoveSerializer(DecisionSerializer):
    parent = OrganizationCodeField(
        perm="organizations.change",
        allow_null=True,
        help_text=_("Mã tổ chức cấp trên mới; null: cấp trên ngoài hệ thống."),
    )
    external_parent = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ChangeKindSerializer(DecisionSerializer):
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)


class DissolveSerializer(DecisionSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


# Members -------------------------------------------------------------------------------------------------

PERSONAL_FIELDS = [
    "full_name",
    "gender",
    "birth_date",
    "national_id",
    "ethnicity",
    "religion",
    "home_province",
    "education",
    "professional_qualification",
    "theory_level",
    "job",
    "position",
    "phone",
    "card_number",
]


class MemberListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        items = list(data.all() if isinstance(data, BaseManager) else data)
        self.child.prepare(items)
        return [self.child.to_representation(item) for item in items]


class MemberSerializer(serializers.ModelSerializer):
    """A member's record and, on the date `as_of` of the context, where and how they belong (counting.md);
    `organization` and `status` are null on a date when the person is not a member.

    National ID, date of birth, phone and home province are masked (accounts.personal_data): the full values
    come only from POST /api/v1/members/{id}/reveal/, which is recorded in the audit trail."""

    national_id = serializers.SerializerMethodField(help_text=_("Số CCCD, che trừ 4 chữ số cuối."))
    birth_date = serializers.SerializerMethodField(help_text=_("Ngày sinh, chỉ hiện năm: YYYY-**-**."))
    phone = serializers.SerializerMethodField(help_text=_("Điện thoại, che trừ 3 chữ số cuối."))
    home_province = serializers.SerializerMethodField(help_text=_("Quê quán, che hoàn toàn (*** nếu có)."))
    as_of = serializers.SerializerMethodField()
    organization = serializers.SerializerMethodField(help_text=_("Mã tổ chức đảng viên sinh hoạt ngày xem."))
    status = serializers.SerializerMethodField()
    admitted_on = serializers.SerializerMethodField(
        help_text=_("Ngày vào Đảng (tuổi đảng tính từ ngày này).")
    )
    recognized_on = serializers.SerializerMethodField(help_text=_("Ngày chính thức."))

    class Meta:
        model = Member
        fields = ["id", *PERSONAL_FIELDS, "as_of", "organization", "status", "admitted_on", "recognized_on"]
        read_only_fields = fields
        list_serializer_class = MemberListSerializer

    def prepare(self, members):
        """Read the standing on the date of every member to show, in one query, and their organizations' codes."""
        self._standing = standing_on([m.pk for m in members], self.context["as_of"])
        self._codes = organization_codes(s.organization_id for s in self._standing.values())

    def _standing_of(self, member):
        if getattr(self, "_standing", None) is None or member.pk not in self._standing:
            self.prepare([member])
        return self._standing.get(member.pk)

    def get_national_id(self, member) -> str:
        return mask_national_id(member.national_id)

    def get_birth_date(self, member) -> str:
        return mask_birth_date_iso(member.birth_date)

    def get_phone(self, member) -> str:
        return mask_phone(member.phone)

    def get_home_province(self, member) -> str:
        return mask_address(member.home_province)

    @extend_schema_field(OpenApiTypes.DATE)
    def get_as_of(self, member):
        return self.context["as_of"].isoformat()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organization(self, member):
        standing = self._standing_of(member)
        return self._codes.get(standing.organization_id) if standing else None

    @extend_schema_field(
        serializers.ChoiceField(
            choices=[(s.value, s.label) for s in (MemberStatus.FULL, MemberStatus.PROBATIONARY)],
            allow_null=True,
        )
    )
    def get_status(self, member):
        standing = self._standing_of(member)
        return standing.status if standing else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_admitted_on(self, member):
        standing = self._standing_of(member)
        return standing.admitted_on.isoformat() if standing else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_recognized_on(self, member):
        standing = self._standing_of(member)
        return standing.recognized_on.isoformat() if standing and standing.recognized_on else None


class RevealedSerializer(serializers.Serializer):
    """The full personal data of one member (POST /api/v1/members/{id}/reveal/, recorded)."""

    id = serializers.IntegerField()
    national_id = serializers.CharField()
    birth_date = serializers.DateField()
    phone = serializers.CharField(allow_blank=True)
    home_province = serializers.CharField(allow_blank=True)


class EventInputSerializer(serializers.Serializer):
    """One membership event to record (members.services.record_event checks it against the ledger)."""

    kind = serializers.ChoiceField(choices=EventKind.choices)
    date = serializers.DateField(help_text=_("Ngày của biến động (ngày quyết định), YYYY-MM-DD."))
    organization = OrganizationCodeField(
        perm="members.change",
        required=False,
        allow_null=True,
        help_text=_(
            "Kết nạp, chuyển đến: tổ chức nhận; chuyển tạm thời: nơi sinh hoạt tạm thời; các loại khác: "
            "nơi đảng viên đang sinh hoạt (bỏ trống để lấy tự động)."
        ),
    )
    to_organization = OrganizationCodeField(
        perm="members.change",
        required=False,
        allow_null=True,
        help_text=_("Chuyển sinh hoạt trong Đảng bộ: tổ chức chuyển đến."),
    )
    external_organization = serializers.CharField(max_length=300, required=False, allow_blank=True)
    ceremony_date = serializers.DateField(required=False, allow_null=True)
    original_admission_date = serializers.DateField(required=False, allow_null=True)
    original_recognition_date = serializers.DateField(required=False, allow_null=True)
    until = serializers.DateField(required=False, allow_null=True)
    decision_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class MemberWriteSerializer(serializers.Serializer):
    """The personal record; a field left out is left unchanged (members.services.update_member)."""

    full_name = serializers.CharField(max_length=200, required=False)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    birth_date = serializers.DateField(required=False)
    national_id = serializers.CharField(max_length=20, required=False, help_text=_("Số CCCD, 12 chữ số."))
    ethnicity = serializers.CharField(max_length=60, required=False)
    religion = serializers.CharField(max_length=60, required=False, allow_blank=True)
    home_province = serializers.CharField(max_length=120, required=False, allow_blank=True)
    education = serializers.ChoiceField(choices=Education.choices, required=False, allow_blank=True)
    professional_qualification = serializers.CharField(max_length=200, required=False, allow_blank=True)
    theory_level = serializers.ChoiceField(choices=TheoryLevel.choices, required=False, allow_blank=True)
    job = serializers.CharField(max_length=200, required=False, allow_blank=True)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    card_number = serializers.CharField(max_length=20, required=False, allow_blank=True)


class MemberCreateSerializer(MemberWriteSerializer):
    """A new member: the personal record with its first ledger event (admission or transfer in)."""

    first_event = EventInputSerializer(help_text=_("Kết nạp hoặc chuyển đến."))


class EventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organization = OrganizationCodeField(read_only=True)
    to_organization = OrganizationCodeField(read_only=True)
    is_void = serializers.BooleanField(read_only=True)

    class Meta:
        model = MembershipEvent
        fields = [
            "id",
            "member",
            "kind",
            "kind_label",
            "date",
            "organization",
            "to_organization",
            "external_organization",
            "ceremony_date",
            "original_admission_date",
            "original_recognition_date",
            "until",
            "decision_number",
            "note",
            "recorded_by",
            "created_at",
            "is_void",
            "voided_at",
            "void_reason",
        ]
        read_only_fields = fields


class CorrectionSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Lý do đính chính."))
    replacement = EventInputSerializer(
        required=False, allow_null=True, help_text=_("Biến động ghi thay (nếu có).")
    )


class CorrectionResultSerializer(serializers.Serializer):
    corrected = EventSerializer()
    replacement = EventSerializer(allow_null=True)


# Statistics: the shape of figures.stats.statistics(), for the schema ------------------------------------


class MemberCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    full = serializers.IntegerField()
    probationary = serializers.IntegerField()
    enterprise = serializers.IntegerField()
    administrative = serializers.IntegerField()
    female = serializers.IntegerField()
    male = serializers.IntegerField()
    by_age_band = serializers.DictField(child=serializers.IntegerField())
    by_ethnicity = serializers.DictField(child=serializers.IntegerField())
    by_theory_level = serializers.DictField(child=serializers.IntegerField())


class FlowsSerializer(serializers.Serializer):
    to = serializers.DateField()
    admitted = serializers.IntegerField()
    recognized = serializers.IntegerField()
    transferred_in = serializers.IntegerField()
    transferred_out = serializers.IntegerField()
    ended = serializers.DictField(child=serializers.IntegerField())
    founded = serializers.IntegerField()
    dissolved = serializers.IntegerField()

    def get_fields(self):
        # The key is `from`, a Python keyword.
        return {"from": serializers.DateField(), **super().get_fields()}


class OrganizationCountsSerializer(serializers.Serializer):
    direct_subordinates = serializers.IntegerField()
    upper_committees = serializers.IntegerField()
    grassroots_committees = serializers.IntegerField()
    section_committees = serializers.IntegerField()
    grassroots_cells = serializers.IntegerField()
    subordinate_cells = serializers.IntegerField()
    total = serializers.IntegerField()
    enterprise = serializers.IntegerField()
    administrative = serializers.IntegerField()
    direct_by_kind_and_sector = serializers.DictField(child=serializers.IntegerField())
    direct_enterprise = serializers.IntegerField()


class TargetProgressBriefSerializer(serializers.Serializer):
    """One target of the organization whose period contains the date, with its progress (figures.targets)."""

    id = serializers.IntegerField()
    measure = serializers.CharField()
    measure_name = serializers.CharField()
    period = serializers.CharField()
    to = serializers.DateField()
    target = serializers.IntegerField()
    aim = serializers.IntegerField(allow_null=True)
    reached = serializers.IntegerField()
    percent = serializers.FloatField(
        allow_null=True, help_text=_("Một chữ số thập phân, làm tròn lên từ 0,5.")
    )
    percent_whole = serializers.IntegerField(allow_null=True)
    percent_text = serializers.CharField()
    expected_percent = serializers.FloatField()
    pace = serializers.CharField()
    projection = serializers.IntegerField(allow_null=True)
    assigned_by = serializers.CharField()
    document = serializers.CharField()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField()
        return fields


class StatisticsSerializer(serializers.Serializer):
    org = serializers.CharField()
    org_name = serializers.CharField()
    as_of = serializers.DateField()
    exists = serializers.BooleanField()
    members = MemberCountsSerializer()
    admitted_in_year = serializers.IntegerField()
    founded_in_year = serializers.IntegerField()
    in_year = FlowsSerializer()
    organizations = OrganizationCountsSerializer()
    period = FlowsSerializer(required=False, help_text=_("Chỉ khi có tham số from."))
    targets = TargetProgressBriefSerializer(many=True, required=False)
