"""What the development API reads and writes. Writes are checked here only for their shape; every rule is
checked by the service the view calls (development.services)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from dangvu.api.fields import OrganizationCodeField
from dangvu.members.choices import Education, Gender, TheoryLevel
from dangvu.organizations.choices import EnterpriseKind, OrganizationKind

from ..choices import DueKind, IntroducerKind, Source, StepKind
from ..models import Candidate, CandidateStep, Holiday, Introduction, Notification

# The list leaves personal data out (issue "access": masked in lists); the candidate's page shows it.
LIST_FIELDS = [
    "id",
    "full_name",
    "gender",
    "enterprise_name",
    "enterprise_tax_code",
    "source",
    "source_label",
    "proposing_body",
    "preparing_organization",
    "stage",
    "stage_label",
    "stage_on",
    "member",
]
PERSONAL_FIELDS = [
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
]


class IntroductionSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Introduction
        fields = ["kind", "kind_label", "body_name", "member", "known_since"]
        read_only_fields = fields


class StepSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organization = OrganizationCodeField(read_only=True)
    introductions = IntroductionSerializer(many=True, read_only=True)
    is_void = serializers.BooleanField(read_only=True)

    class Meta:
        model = CandidateStep
        fields = [
            "id",
            "candidate",
            "kind",
            "kind_label",
            "date",
            "organization",
            "decision_number",
            "members_present",
            "votes_for",
            "voters",
            "exception_document",
            "reason",
            "note",
            "membership_event",
            "introductions",
            "recorded_by",
            "created_at",
            "is_void",
            "voided_at",
            "void_reason",
        ]
        read_only_fields = fields


class CandidateListSerializer(serializers.ModelSerializer):
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    preparing_organization = OrganizationCodeField(read_only=True)

    class Meta:
        model = Candidate
        fields = LIST_FIELDS
        read_only_fields = fields


class CandidateSerializer(CandidateListSerializer):
    """The candidate's page: the record, the steps (corrections included) and the steps that may come next."""

    steps = serializers.SerializerMethodField()
    next_steps = serializers.SerializerMethodField(
        help_text=_("Bước cần ghi tiếp theo (đầu tiên) và các bước có thể ghi.")
    )

    class Meta:
        model = Candidate
        fields = [*LIST_FIELDS, *PERSONAL_FIELDS, "steps", "next_steps"]
        read_only_fields = fields

    @extend_schema_field(StepSerializer(many=True))
    def get_steps(self, candidate):
        steps = (
            candidate.steps.select_related("organization")
            .prefetch_related("introductions")
            .order_by("date", "id")
        )
        return StepSerializer(steps, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=StepKind.choices)))
    def get_next_steps(self, candidate):
        from dangvu.organizations.tree import History

        from .. import services, workflow

        return [str(kind) for kind in workflow.next_steps(services.step_data(candidate), History.load())]


class CandidateWriteSerializer(serializers.Serializer):
    """The record; a field left out is left unchanged (services.update_candidate)."""

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
    enterprise_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
    enterprise_tax_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    proposing_body = serializers.CharField(max_length=300, required=False, allow_blank=True)


class CandidateCreateSerializer(CandidateWriteSerializer):
    """A new candidate, proposed for party-awareness training (services.propose_candidate)."""

    full_name = serializers.CharField(max_length=200)
    gender = serializers.ChoiceField(choices=Gender.choices)
    birth_date = serializers.DateField()
    national_id = serializers.CharField(max_length=20, help_text=_("Số CCCD, 12 chữ số."))
    source = serializers.ChoiceField(choices=Source.choices)
    preparing_organization = OrganizationCodeField(help_text=_("Mã tổ chức đảng bồi dưỡng."))
    date = serializers.DateField(help_text=_("Ngày đề xuất (YYYY-MM-DD)."))
    document_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class IntroducerInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IntroducerKind.choices)
    body_name = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    member = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Mã (id) đảng viên giới thiệu.")
    )
    known_since = serializers.DateField(required=False, allow_null=True)


class StepInputSerializer(serializers.Serializer):
    """One step to record; each kind takes its fields (services.STEP_FIELDS), the others are ignored."""

    kind = serializers.ChoiceField(
        choices=StepKind.choices, help_text=_("Mọi bước trừ bước đề xuất (ghi khi tạo).")
    )
    date = serializers.DateField(help_text=_("Ngày của bước (YYYY-MM-DD)."))
    note = serializers.CharField(required=False, allow_blank=True, default="")
    certificate_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    document_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    resolution_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    decision_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    members_present = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    votes_for = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    committee_members = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    ceremony_date = serializers.DateField(required=False, allow_null=True)
    exception_document = serializers.CharField(max_length=300, required=False, allow_blank=True)
    ceremony_exception_document = serializers.CharField(max_length=300, required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    organization = OrganizationCodeField(
        required=False, allow_null=True, help_text=_("Chuyển tổ chức bồi dưỡng: mã tổ chức mới.")
    )
    introducers = IntroducerInputSerializer(many=True, required=False)


@extend_schema_serializer(component_name="StepVoid")  # "Void" is the enterprises API's
class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Lý do đính chính."))


class CandidateQuerySerializer(serializers.Serializer):
    org = OrganizationCodeField(
        required=False,
        help_text=_("Mã tổ chức: quần chúng do tổ chức đó và các tổ chức trực thuộc bồi dưỡng."),
    )
    search = serializers.CharField(
        required=False, help_text=_("Tìm theo họ tên, không phân biệt hoa thường và dấu.")
    )
    stage = serializers.ChoiceField(choices=StepKind.choices, required=False)
    source = serializers.ChoiceField(choices=Source.choices, required=False)
    enterprise = serializers.CharField(required=False, help_text=_("Tên hoặc mã số thuế doanh nghiệp."))
    open = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Chỉ quần chúng chưa dừng, chưa chính thức."),
    )
    overdue = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=_("Chỉ quần chúng có việc quá hạn hôm nay.")
    )
    ordering = serializers.ChoiceField(
        choices=[("name", "name"), ("-name", "-name"), ("stage_on", "stage_on"), ("-stage_on", "-stage_on")],
        required=False,
        default="name",
    )


class DueQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text=_("Ngày xét (YYYY-MM-DD); mặc định là hôm nay."))


class DueItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DueKind.choices)
    kind_label = serializers.CharField()
    candidate = serializers.IntegerField()
    candidate_name = serializers.CharField()
    organization = serializers.CharField(help_text=_("Mã tổ chức đảng bồi dưỡng."))
    since = serializers.DateField()
    due_on = serializers.DateField()
    overdue = serializers.BooleanField()
    days_left = serializers.IntegerField()
    message = serializers.CharField()


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "candidate", "kind", "kind_label", "due_on", "message", "created_at", "read_at"]
        read_only_fields = fields


class HolidaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Holiday
        fields = ["id", "date", "name"]
        read_only_fields = ["id"]


class FoundCellSerializer(serializers.Serializer):
    enterprise_name = serializers.CharField(max_length=300)
    code = serializers.CharField(max_length=40, help_text=_("Mã chi bộ mới."))
    name = serializers.CharField(max_length=300, help_text=_("Tên chi bộ mới."))
    date = serializers.DateField()
    decision_number = serializers.CharField(max_length=100)
    members = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Mã (id) các đảng viên chuyển sang.")
    )
    core_cell = OrganizationCodeField(required=False, allow_null=True, default=None)
    parent = OrganizationCodeField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(
        choices=[
            (k.value, k.label) for k in (OrganizationKind.GRASSROOTS_CELL, OrganizationKind.SUBORDINATE_CELL)
        ],
        required=False,
        default=OrganizationKind.GRASSROOTS_CELL,
    )
    enterprise_kind = serializers.ChoiceField(
        choices=EnterpriseKind.choices, required=False, allow_blank=True, default=""
    )


class FoundCellResultSerializer(serializers.Serializer):
    organization = serializers.CharField()
    transferred = serializers.IntegerField()
    reassigned = serializers.IntegerField()
    warnings = serializers.ListField(child=serializers.CharField())


class FunnelQuerySerializer(serializers.Serializer):
    org = OrganizationCodeField(required=False, help_text=_("Mã tổ chức (với mọi tổ chức trực thuộc)."))
    period_from = serializers.DateField(help_text=_("Đầu kỳ (YYYY-MM-DD)."))
    to = serializers.DateField(help_text=_("Cuối kỳ (YYYY-MM-DD)."))

    def get_fields(self):
        # The query parameter is `from`, a Python keyword.
        fields = super().get_fields()
        fields["from"] = fields.pop("period_from")
        return fields

    def validate(self, attrs):
        if attrs["from"] > attrs["to"]:
            raise serializers.ValidationError({"to": [_("Cuối kỳ phải từ đầu kỳ trở đi.")]})
        return attrs
