"""Member development (phát triển đảng viên): candidates, the dated steps that take them to full membership,
the introductions, the reminders of what is due, and the holiday calendar that working-day deadlines use.

`CandidateStep` is the record, a ledger like the members' (`core.models.LedgerEventModel`): a step is never
rewritten, a wrong one is voided with a reason. `Candidate.stage` and `stage_on` repeat the latest
progress step for lists and filters; only `services` writes them, in the same transaction as the step.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.fields import SortKeyField
from dangvu.core.models import LedgerEventModel, TimestampedModel
from dangvu.core.text import fold
from dangvu.members.choices import Education, Gender, TheoryLevel
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.models import Organization

from .choices import DueKind, IntroducerKind, Source, StepKind


class CandidateQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "candidates.view"):
        """Candidates whose preparing organization is in the user's scope for `perm` (accounts.scoping).

        A mass-organization officer's scope is the party organization their account belongs to: they see
        the candidates that organization prepares, which are the ones their union brings forward."""
        from dangvu.accounts.scoping import scope_org_ids

        ids = scope_org_ids(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(preparing_organization_id__in=sorted(ids))

    def with_enterprise(self, text: str):
        """Candidates of an enterprise named by its tax code or part of its name (ENTERPRISE SEAM)."""
        text = (text or "").strip()
        return self.filter(models.Q(enterprise_tax_code=text) | models.Q(enterprise_name__icontains=text))


class Candidate(TimestampedModel):
    """An outstanding non-member (quần chúng ưu tú) being prepared for admission."""

    full_name = models.CharField(_("họ và tên"), max_length=200)
    search_key = models.CharField(max_length=200, editable=False, default="", db_index=True)
    sort_key = SortKeyField(db_index=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    national_id = models.CharField(_("số CCCD"), max_length=12, db_index=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=60, default="Kinh")
    religion = models.CharField(_("tôn giáo"), max_length=60, blank=True, default="Không")
    home_province = models.CharField(_("quê quán"), max_length=120, blank=True)
    education = models.CharField(
        _("trình độ giáo dục phổ thông"), max_length=20, choices=Education.choices, blank=True
    )
    professional_qualification = models.CharField(_("chuyên môn, nghiệp vụ"), max_length=200, blank=True)
    theory_level = models.CharField(
        _("lý luận chính trị"), max_length=20, choices=TheoryLevel.choices, blank=True
    )
    job = models.CharField(_("nghề nghiệp, công việc"), max_length=200, blank=True)
    position = models.CharField(_("chức vụ trong đơn vị"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    # ENTERPRISE SEAM. The enterprise the candidate works in, as text until the enterprise register
    # (dangvu.enterprises) is in place; then a foreign key replaces these two fields, and the functions
    # of this module that read them (`enterprise_key`, `same_enterprise`, `CandidateQuerySet.with_enterprise`)
    # read the key instead. Nothing else reads them but the record's own forms and serializers.
    enterprise_name = models.CharField(_("doanh nghiệp, đơn vị"), max_length=300, blank=True)
    enterprise_tax_code = models.CharField(_("mã số thuế doanh nghiệp"), max_length=20, blank=True)

    source = models.CharField(_("nguồn giới thiệu"), max_length=20, choices=Source.choices)
    proposing_body = models.CharField(
        _("tổ chức đề xuất"),
        max_length=300,
        blank=True,
        help_text=_("Công đoàn cơ sở, Đoàn Thanh niên cơ sở hoặc chi bộ đã phát hiện, đề xuất bồi dưỡng."),
    )
    preparing_organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức đảng bồi dưỡng"),
        on_delete=models.PROTECT,
        related_name="candidates",
    )
    # Set by the admission decision. A foreign key, not one-to-one: a person readmitted after leaving the
    # Party has a second candidacy on the same member record.
    member = models.ForeignKey(
        Member,
        verbose_name=_("hồ sơ đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    # The latest progress step (see the module docstring).
    stage = models.CharField(_("bước hiện tại"), max_length=30, choices=StepKind.choices, db_index=True)
    stage_on = models.DateField(_("ngày của bước hiện tại"), db_index=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("quần chúng ưu tú")
        verbose_name_plural = _("quần chúng ưu tú")

    def __str__(self):
        return self.full_name

    def enterprise_key(self) -> tuple[str, str]:
        return enterprise_key(self.enterprise_name, self.enterprise_tax_code)


def enterprise_key(name: str, tax_code: str) -> tuple[str, str]:
    """(key, label) of an enterprise: the tax code when known, else the name (ENTERPRISE SEAM)."""
    return (tax_code or name, name or tax_code)


def same_enterprise(candidate: Candidate, name: str, tax_code: str = "") -> bool:
    """Whether the candidate works in that enterprise: same tax code, else same name up to case and
    marks (ENTERPRISE SEAM)."""
    if tax_code and candidate.enterprise_tax_code:
        return tax_code == candidate.enterprise_tax_code
    return bool(name) and fold(name) == fold(candidate.enterprise_name)


class CandidateStep(LedgerEventModel):
    """One dated step: `date` is the day of the step (certificate, resolution, decision, ceremony),
    `decision_number` its document (certificate number, resolution, decision)."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("quần chúng"), on_delete=models.PROTECT, related_name="steps"
    )
    kind = models.CharField(_("bước"), max_length=30, choices=StepKind.choices)
    # The organization the step concerns on its date (counting.md): the preparing organization before
    # admission, the admitting cell, then the cell the member belongs to.
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT, related_name="+"
    )
    members_present = models.PositiveIntegerField(_("số đảng viên dự họp"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("số tán thành"), null=True, blank=True)
    # The number the two-thirds rule was checked against: the cell's full members that day, or the
    # members of the grassroots committee.
    voters = models.PositiveIntegerField(_("số người có quyền biểu quyết"), null=True, blank=True)
    exception_document = models.CharField(
        _("văn bản cho phép chậm, gia hạn"),
        max_length=300,
        blank=True,
        help_text=_("Khi bước ghi muộn hơn thời hạn: văn bản đồng ý của cấp ủy cấp trên hoặc lý do."),
    )
    reason = models.TextField(_("lý do dừng"), blank=True)
    membership_event = models.ForeignKey(
        MembershipEvent,
        verbose_name=_("biến động đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("bước phát triển đảng viên")
        verbose_name_plural = _("bước phát triển đảng viên")
        indexes = [models.Index(fields=["kind", "date"]), models.Index(fields=["candidate", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Introduction(models.Model):
    """Who introduced the candidate (Statute art. 4.1): a grassroots trade-union or youth-union executive
    committee, or a full member who has known the candidate since `known_since`."""

    step = models.ForeignKey(
        CandidateStep,
        verbose_name=_("bước giới thiệu"),
        on_delete=models.CASCADE,
        related_name="introductions",
    )
    kind = models.CharField(_("người giới thiệu"), max_length=30, choices=IntroducerKind.choices)
    body_name = models.CharField(_("tên tổ chức giới thiệu"), max_length=300, blank=True)
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên giới thiệu"), null=True, blank=True, on_delete=models.PROTECT
    )
    known_since = models.DateField(_("biết người xin vào Đảng từ"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("người giới thiệu")
        verbose_name_plural = _("người giới thiệu")

    def __str__(self):
        return str(self.member) if self.member_id else self.body_name


class Notification(TimestampedModel):
    """A reminder recorded by the daily job (`dangvu remind`) for one user: one row per user, candidate,
    kind and due date, whatever the number of runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="development_notifications",
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("quần chúng"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("việc"), max_length=20, choices=DueKind.choices)
    due_on = models.DateField(_("hạn"))
    message = models.CharField(_("nội dung"), max_length=500)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("nhắc việc")
        verbose_name_plural = _("nhắc việc")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "candidate", "kind", "due_on"], name="development_notification_once"
            )
        ]

    def __str__(self):
        return self.message


class Holiday(models.Model):
    """A public holiday or official day off (Tết, national holidays, compensatory days): not a working day
    for the deadlines (core.workdays). The administrator keeps the calendar each year."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ lễ, Tết")
        verbose_name_plural = _("ngày nghỉ lễ, Tết")

    def __str__(self):
        return f"{self.name} {self.date:%d/%m/%Y}"
