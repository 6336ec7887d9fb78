"""Serializers of /api/v1/targets/: what the API shows of targets (with their progress, computed by
figures.targets), ratings, emulation criteria and commendations, and the input of each action."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.api.fields import OrganizationCodeField
from dangvu.api.filters import QuerySerializer
from dangvu.core.dates import today
from dangvu.members.models import Member

from ..choices import CriterionKind, Measure, PeriodKind, RatingLevel, SubjectKind
from ..models import Commendation, CommendationDecision, EmulationCriterion, QualityRating, Target


class ProgressSerializer(serializers.Serializer):
    """figures.targets.Progress: reached on the date over the window, percents, pace, projection."""

    day = serializers.DateField()
    window_from = serializers.DateField(source="start")
    window_to = serializers.DateField(source="end")
    reached = serializers.IntegerField()
    number = serializers.IntegerField()
    aim = serializers.IntegerField(allow_null=True)
    percent = serializers.DecimalField(
        max_digits=8, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    percent_whole = serializers.IntegerField(allow_null=True)
    percent_of_aim = serializers.DecimalField(
        max_digits=8, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    expected_percent = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)
    expected = serializers.DecimalField(max_digits=10, decimal_places=1, coerce_to_string=False)
    pace = serializers.CharField(help_text=_("not_started, reached, ahead, on_pace, behind, missed"))
    pace_label = serializers.CharField()
    projection = serializers.IntegerField(allow_null=True)
    remaining = serializers.IntegerField()


class TargetSerializer(serializers.ModelSerializer):
    receiver = OrganizationCodeField(read_only=True)
    assigner = OrganizationCodeField(read_only=True)
    assigned_by = serializers.CharField(read_only=True)
    period = serializers.CharField(source="period_label", read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = [
            "id",
            "receiver",
            "assigner",
            "assigner_name",
            "assigned_by",
            "measure",
            "period_kind",
            "period",
            "start",
            "end",
            "yearly",
            "number",
            "aim",
            "document_number",
            "document_date",
            "document_title",
            "parent",
            "note",
            "progress",
        ]

    def get_progress(self, target) -> ProgressSerializer:
        item = self.context.get("progress", {}).get(target.pk)
        return ProgressSerializer(item).data if item is not None else None


class TargetInputSerializer(serializers.Serializer):
    """create_target / update_target: a year (`year`), a term (`first_year`, `last_year`, `yearly`) or dates
    (`start`, `end`), and an assigner inside the tree (`assigner`, a code) or outside it (`assigner_name`)."""

    receiver = OrganizationCodeField(perm="targets.change")
    measure = serializers.ChoiceField(choices=Measure.choices)
    number = serializers.IntegerField(min_value=1)
    aim = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices)
    year = serializers.IntegerField(required=False)
    first_year = serializers.IntegerField(required=False)
    last_year = serializers.IntegerField(required=False)
    yearly = serializers.BooleanField(required=False, default=False)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    assigner = OrganizationCodeField(perm="targets.change", required=False, allow_null=True)
    assigner_name = serializers.CharField(required=False, allow_blank=True, max_length=300)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    document_date = serializers.DateField(required=False, allow_null=True)
    document_title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    note = serializers.CharField(required=False, allow_blank=True)


class TargetPatchSerializer(TargetInputSerializer):
    """A correction: only the fields given change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class SplitPartSerializer(serializers.Serializer):
    receiver = OrganizationCodeField(perm="targets.change")
    number = serializers.IntegerField(min_value=0)
    aim = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class SplitSerializer(serializers.Serializer):
    parts = SplitPartSerializer(many=True)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    document_date = serializers.DateField(required=False, allow_null=True)


class ProgressQuerySerializer(QuerySerializer):
    as_of = serializers.DateField(
        required=False, help_text=_("Tiến độ đến ngày (YYYY-MM-DD); mặc định hôm nay.")
    )


class TargetQuerySerializer(ProgressQuerySerializer):
    org = OrganizationCodeField(
        perm="targets.view",
        required=False,
        help_text=_("Mã tổ chức: chỉ tiêu của tổ chức đó và mọi tổ chức trực thuộc."),
    )
    measure = serializers.ChoiceField(choices=Measure.choices, required=False)
    year = serializers.IntegerField(
        required=False, help_text=_("Chỉ tiêu có thời hạn chứa một phần năm này.")
    )
    assigned_only = serializers.BooleanField(
        required=False, default=False, help_text=_("Bỏ các phần phân bổ.")
    )


class RatingSerializer(serializers.ModelSerializer):
    unit = OrganizationCodeField(read_only=True)
    organization = OrganizationCodeField(read_only=True)
    subject = serializers.CharField(source="subject_name", read_only=True)
    score = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True, coerce_to_string=False)

    class Meta:
        model = QualityRating
        fields = ["id", "year", "unit", "member", "organization", "subject", "level", "score", "notes"]


class RatingEntryItemSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), required=False, allow_null=True
    )
    organization = OrganizationCodeField(required=False, allow_null=True)
    level = serializers.ChoiceField(choices=[("", "—"), *RatingLevel.choices], allow_blank=True)
    score = serializers.DecimalField(max_digits=4, decimal_places=1, required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["member"].queryset = Member.objects.visible_to(request.user, "ratings.change")
        return fields


class RatingEntrySerializer(serializers.Serializer):
    org = OrganizationCodeField(
        perm="ratings.change", help_text=_("Tổ chức đánh giá (phiếu của tổ chức này).")
    )
    year = serializers.IntegerField(min_value=1990)
    entries = RatingEntryItemSerializer(many=True)


class RatingQuerySerializer(QuerySerializer):
    year = serializers.IntegerField(required=False, help_text=_("Năm đánh giá; mặc định năm trước."))
    org = OrganizationCodeField(
        perm="ratings.view",
        required=False,
        help_text=_("Tổ chức: kết quả của tổ chức đó và mọi tổ chức trực thuộc."),
    )
    level = serializers.ChoiceField(choices=RatingLevel.choices, required=False)
    kind = serializers.ChoiceField(choices=SubjectKind.choices, required=False)

    def validate(self, attrs):
        attrs.setdefault("year", today().year - 1)
        return attrs


class LevelCountsSerializer(serializers.Serializer):
    to_rate = serializers.IntegerField()
    rated = serializers.IntegerField()
    by_level = serializers.DictField(child=serializers.IntegerField())
    percent = serializers.DictField(child=serializers.FloatField(allow_null=True))


class RatingSummarySerializer(serializers.Serializer):
    org = serializers.CharField()
    year = serializers.IntegerField()
    day = serializers.DateField()
    regulation = serializers.CharField()
    members = LevelCountsSerializer()
    organizations = LevelCountsSerializer()


class CriterionSerializer(serializers.ModelSerializer):
    owner = OrganizationCodeField(read_only=True)
    max_points = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False, read_only=True
    )

    class Meta:
        model = EmulationCriterion
        fields = ["id", "owner", "year", "name", "kind", "max_points", "position", "description"]


class CriterionInputSerializer(serializers.Serializer):
    owner = OrganizationCodeField(perm="emulation.change")
    year = serializers.IntegerField(min_value=1990)
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=CriterionKind.choices)
    max_points = serializers.DecimalField(max_digits=5, decimal_places=1)
    position = serializers.IntegerField(min_value=0, required=False, default=0)
    description = serializers.CharField(required=False, allow_blank=True)


class ScoreItemSerializer(serializers.Serializer):
    organization = OrganizationCodeField()
    points = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    evidence = serializers.CharField(required=False, allow_blank=True)


class ScoresSerializer(serializers.Serializer):
    scores = ScoreItemSerializer(many=True)


class RankingQuerySerializer(QuerySerializer):
    org = OrganizationCodeField(perm="targets.view", required=False, help_text=_("Tổ chức đánh giá thi đua."))
    year = serializers.IntegerField(required=False, help_text=_("Năm; mặc định năm trước."))


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    org = serializers.CharField(source="code")
    name = serializers.CharField()
    points = serializers.DictField(child=serializers.FloatField(allow_null=True))
    total = serializers.DecimalField(max_digits=7, decimal_places=1, coerce_to_string=False)
    completion = serializers.DecimalField(
        max_digits=6, decimal_places=1, allow_null=True, coerce_to_string=False
    )


class RankingSerializer(serializers.Serializer):
    org = serializers.CharField()
    year = serializers.IntegerField()
    criteria = CriterionSerializer(many=True)
    rows = RankingRowSerializer(many=True)


class RecipientSerializer(serializers.ModelSerializer):
    organization = OrganizationCodeField(read_only=True)

    class Meta:
        model = Commendation
        fields = ["id", "name", "organization", "member", "achievement"]


class CommendationSerializer(serializers.ModelSerializer):
    recipients = serializers.SerializerMethodField()

    class Meta:
        model = CommendationDecision
        fields = ["id", "number", "date", "issuer", "form", "reason", "note", "recipients"]

    def get_recipients(self, decision) -> RecipientSerializer(many=True):
        visible = self.context.get("recipients")
        rows = [r for r in decision.recipients.all() if visible is None or r.pk in visible]
        return RecipientSerializer(rows, many=True).data


class CommendationInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=100)
    date = serializers.DateField()
    issuer = serializers.CharField(max_length=300)
    form = serializers.CharField(max_length=200)
    reason = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True)
    collectives = serializers.ListField(
        child=OrganizationCodeField(perm="commendations.change"), required=False, default=list
    )
    individuals = serializers.ListField(
        child=serializers.PrimaryKeyRelatedField(queryset=Member.objects.all()), required=False, default=list
    )

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["individuals"].child.queryset = Member.objects.visible_to(
                request.user, "commendations.change"
            )
        return fields


class CommendationQuerySerializer(QuerySerializer):
    year = serializers.IntegerField(required=False)
    search = serializers.CharField(required=False)
