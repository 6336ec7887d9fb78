"""Targets and their splits, the annual quality rating, emulation criteria and scores, commendations.

A target holds only what was assigned (who, to whom, what, when, how many, by which document): how far it is
reached on a date is never stored, it is computed from the records by `dangvu.figures.targets`. Only
`services` writes these models. Every model has a `visible_to(user, perm)` queryset method that goes through
the one scoping point (`dangvu.accounts.scoping`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import format_vn_date
from dangvu.core.fields import SortKeyField
from dangvu.core.models import TimestampedModel
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .choices import CriterionKind, Measure, PeriodKind, RatingLevel


def _scope(user, perm: str):
    from dangvu.accounts.scoping import scope_org_ids

    return scope_org_ids(user, perm)


class TargetQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "targets.view"):
        """Targets received by an organization in the user's scope for `perm`."""
        ids = _scope(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(receiver_id__in=sorted(ids))

    def changeable_by(self, user, perm: str = "targets.change"):
        """Targets the user may correct or remove: those whose assigner is in the user's scope (for a target
        assigned from outside the tree, its receiver). A receiver may not rewrite what it was given."""
        ids = _scope(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        ids = sorted(ids)
        return self.filter(Q(assigner_id__in=ids) | Q(assigner__isnull=True, receiver_id__in=ids))


class Target(TimestampedModel):
    """A number to reach for a measure over a period, assigned to an organization of the tree by one of the
    tree (`assigner`) or by a body outside it (`assigner_name`, e.g. "Ban Thường vụ Thành ủy").

    A term target with `yearly` set holds for each year of the term ("mỗi năm ít nhất 50 đảng viên"). A
    target with a `parent` is a part of that target passed on to an organization under its receiver."""

    assigner = models.ForeignKey(
        Organization,
        verbose_name=_("cấp giao (trong Đảng bộ)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigner_name = models.CharField(_("cấp giao (ngoài Đảng bộ)"), max_length=300, blank=True)
    receiver = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức nhận chỉ tiêu"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    measure = models.CharField(_("nội dung chỉ tiêu"), max_length=40, choices=Measure.choices)
    period_kind = models.CharField(_("loại thời hạn"), max_length=10, choices=PeriodKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    yearly = models.BooleanField(_("chỉ tiêu cho mỗi năm của nhiệm kỳ"), default=False)
    number = models.PositiveIntegerField(_("chỉ tiêu"))
    aim = models.PositiveIntegerField(
        _("mức phấn đấu"),
        null=True,
        blank=True,
        help_text=_("Khi chỉ tiêu là một khoảng, ví dụ 5–7 tổ chức: chỉ tiêu 5, mức phấn đấu 7."),
    )
    document_number = models.CharField(_("số, ký hiệu văn bản giao"), max_length=100, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    document_title = models.CharField(_("trích yếu văn bản"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("phân bổ từ chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "receiver__sort_key", "measure", "id"]
        indexes = [models.Index(fields=["receiver", "start", "end"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="target_period_in_order"),
            models.UniqueConstraint(
                fields=["parent", "receiver"],
                condition=Q(parent__isnull=False),
                name="target_one_part_per_organization",
            ),
        ]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self):
        return f"{self.get_measure_display()} – {self.receiver.name} – {self.period_label}"

    @property
    def assigned_by(self) -> str:
        return self.assigner.name if self.assigner_id else self.assigner_name

    @property
    def period_label(self) -> str:
        from django.utils.translation import gettext as _t

        if self.period_kind == PeriodKind.YEAR:
            return _t("năm %(year)s") % {"year": self.start.year}
        if self.period_kind == PeriodKind.TERM:
            label = _t("nhiệm kỳ %(a)s–%(b)s") % {"a": self.start.year, "b": self.end.year}
            return label + (_t(", mỗi năm") if self.yearly else "")
        return f"{format_vn_date(self.start)} – {format_vn_date(self.end)}"

    @property
    def document_label(self) -> str:
        if not self.document_number:
            return ""
        if self.document_date:
            return f"{self.document_number} ({format_vn_date(self.document_date)})"
        return self.document_number


class QualityRatingQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "ratings.view"):
        """Ratings entered by an organization in the user's scope, or of an organization in it."""
        ids = _scope(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        ids = sorted(ids)
        return self.filter(Q(unit_id__in=ids) | Q(organization_id__in=ids))


class QualityRating(TimestampedModel):
    """One member's or one organization's annual quality rating (đánh giá, xếp loại chất lượng).

    `unit` is the organization whose entry it belongs to: the organization the member belongs to on the
    rating day, or the organization directly above the collective rated."""

    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    unit = models.ForeignKey(
        Organization, verbose_name=_("tổ chức đánh giá"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tập thể được xếp loại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quality_ratings",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên được xếp loại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quality_ratings",
    )
    level = models.CharField(_("mức xếp loại"), max_length=20, choices=RatingLevel.choices)
    score = models.DecimalField(_("điểm"), max_digits=4, decimal_places=1, null=True, blank=True)
    notes = models.TextField(_("nhận xét"), blank=True)

    objects = QualityRatingQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__sort_key", "id"]
        indexes = [models.Index(fields=["year", "unit"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=True) & Q(organization__isnull=False))
                | (Q(member__isnull=False) & Q(organization__isnull=True)),
                name="rating_one_subject",
            ),
            models.UniqueConstraint(
                fields=["year", "member"], condition=Q(member__isnull=False), name="rating_member_once_a_year"
            ),
            models.UniqueConstraint(
                fields=["year", "organization"],
                condition=Q(organization__isnull=False),
                name="rating_organization_once_a_year",
            ),
        ]
        verbose_name = _("đánh giá, xếp loại chất lượng")
        verbose_name_plural = _("đánh giá, xếp loại chất lượng")

    def __str__(self):
        subject = self.member.full_name if self.member_id else self.organization.name
        return f"{subject} – {self.year}: {self.get_level_display()}"

    @property
    def subject_name(self) -> str:
        return self.member.full_name if self.member_id else self.organization.name


class EmulationCriterionQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "targets.view"):
        """Criteria set by an organization in the user's scope (for the ranking of its subordinates)."""
        ids = _scope(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(owner_id__in=sorted(ids))


class EmulationCriterion(TimestampedModel):
    """One criterion of an organization's yearly emulation evaluation of its direct subordinates. A
    criterion of kind "targets" is scored from target progress; the others by hand, with evidence."""

    owner = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức đánh giá thi đua"),
        on_delete=models.PROTECT,
        related_name="emulation_criteria",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tiêu chí"), max_length=300)
    kind = models.CharField(_("cách chấm"), max_length=20, choices=CriterionKind.choices)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=1)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("hướng dẫn chấm"), blank=True)

    objects = EmulationCriterionQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "year", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "year", "name"], name="criterion_name_once_a_year")
        ]
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")

    def __str__(self):
        return f"{self.name} ({self.year})"


class EmulationScoreQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "targets.view"):
        ids = _scope(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(organization_id__in=sorted(ids))


class EmulationScore(TimestampedModel):
    """The points an organization gets for a criterion scored by hand, with the evidence."""

    criterion = models.ForeignKey(
        EmulationCriterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="scores"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="emulation_scores"
    )
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=1)
    evidence = models.TextField(_("minh chứng"))

    objects = EmulationScoreQuerySet.as_manager()

    class Meta:
        ordering = ["criterion", "organization__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "organization"], name="score_once_per_criterion")
        ]
        verbose_name = _("điểm thi đua")
        verbose_name_plural = _("điểm thi đua")

    def __str__(self):
        return f"{self.organization.name}: {self.points} ({self.criterion.name})"


class CommendationQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "commendations.view"):
        """Commendations of an organization in the user's scope, or of a member whose organization is."""
        ids = _scope(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        members = Member.objects.visible_to(user, perm)
        return self.filter(Q(organization_id__in=sorted(ids)) | Q(member__in=members))


class CommendationDecisionQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "commendations.view"):
        """Decisions that commend someone the user may see (every decision for a scope of everything)."""
        ids = _scope(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(pk__in=Commendation.objects.visible_to(user, perm).values("decision_id"))


class CommendationDecision(TimestampedModel):
    """A decision to commend (quyết định khen thưởng): who issued it, when, what for, in which form."""

    number = models.CharField(_("số quyết định"), max_length=100)
    date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cấp khen thưởng"), max_length=300)
    form = models.CharField(
        _("hình thức khen thưởng"),
        max_length=200,
        help_text=_("Ví dụ: Bằng khen, Giấy khen."),
    )
    reason = models.TextField(_("lý do khen thưởng"))
    search_key = models.CharField(max_length=600, editable=False, default="", db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = CommendationDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number", "issuer"], name="commendation_decision_once")
        ]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")

    def __str__(self):
        return f"{self.number} ({format_vn_date(self.date)})"


class Commendation(TimestampedModel):
    """One collective (an organization) or one individual (a member) commended by a decision."""

    decision = models.ForeignKey(
        CommendationDecision,
        verbose_name=_("quyết định"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    name = models.CharField(_("tên tập thể, cá nhân"), max_length=300)
    sort_key = SortKeyField()
    search_key = models.CharField(max_length=300, editable=False, default="", db_index=True)
    achievement = models.CharField(_("thành tích"), max_length=300, blank=True)

    objects = CommendationQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "member", "sort_key", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=True) & Q(organization__isnull=False))
                | (Q(member__isnull=False) & Q(organization__isnull=True)),
                name="commendation_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["decision", "organization"],
                condition=Q(organization__isnull=False),
                name="commendation_collective_once",
            ),
            models.UniqueConstraint(
                fields=["decision", "member"],
                condition=Q(member__isnull=False),
                name="commendation_individual_once",
            ),
        ]
        verbose_name = _("tập thể, cá nhân được khen thưởng")
        verbose_name_plural = _("tập thể, cá nhân được khen thưởng")

    def __str__(self):
        return f"{self.name} – {self.decision}"

    @property
    def is_collective(self) -> bool:
        return self.organization_id is not None
