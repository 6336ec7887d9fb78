"""Party members: the personal record, the ledger of membership events, and the ledger's projection.

The ledger (`MembershipEvent`) is the record. `MembershipPeriod` is its projection into stretches of
belonging — member M belonged to organization O from `start` up to (not including) `end` — written only by
`services.rebuild_periods()` from the member's whole ledger, in the same transaction as every ledger
change, so that the figures (`dangvu.figures`) read one indexed table for any date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.fields import CodeField, SortKeyField
from dangvu.core.models import LedgerEventModel, TimestampedModel
from dangvu.organizations.models import Organization

from .choices import Education, EventKind, Gender, TheoryLevel


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "members.view"):
        """Members whose organization — now, or last if their membership ended — is in the user's scope."""
        from dangvu.accounts.scoping import scope_org_ids

        ids = scope_org_ids(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(
            pk__in=MembershipPeriod.objects.filter(is_latest=True, organization_id__in=sorted(ids)).values(
                "member_id"
            )
        )


class Member(TimestampedModel):
    full_name = models.CharField(_("họ và tên"), max_length=200)
    # Indexed by Meta.indexes: db_index=True would add on PostgreSQL a second index of each for LIKE 'x%',
    # which no query makes (searches look inside the key: LIKE '%x%') and a byte-compared column does not need.
    search_key = CodeField(max_length=200, editable=False, default="")
    sort_key = SortKeyField()
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    national_id = CodeField(_("số CCCD"), max_length=12, unique=True)
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
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        indexes = [
            models.Index(fields=["search_key"], name="members_member_search_idx"),
            models.Index(fields=["sort_key"], name="members_member_sort_idx"),
        ]

    def __str__(self):
        return self.full_name


class MembershipEvent(LedgerEventModel):
    # No index of its own: the index on (member, date) below serves every lookup by member.
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="events", db_index=False
    )
    kind = CodeField(_("loại biến động"), max_length=30, choices=EventKind.choices)
    # The organization concerned: admitted into, transferred from (inside), transferred into (from outside),
    # left (transfer out, ending), hosting a temporary transfer.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organization = models.ForeignKey(
        Organization,
        verbose_name=_("chuyển đến tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    external_organization = models.CharField(_("tổ chức ngoài Đảng bộ"), max_length=300, blank=True)
    ceremony_date = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)
    original_admission_date = models.DateField(_("ngày vào Đảng (nơi cũ)"), null=True, blank=True)
    original_recognition_date = models.DateField(_("ngày chính thức (nơi cũ)"), null=True, blank=True)
    until = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("biến động đảng viên")
        verbose_name_plural = _("biến động đảng viên")
        indexes = [
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["member", "date"]),
            # figures.counting.flows: the events of a period, read from the index alone.
            models.Index(
                fields=["date", "kind", "organization", "to_organization"],
                condition=models.Q(voided_at__isnull=True),
                name="members_event_flows_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MembershipPeriod(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="periods")
    # No index of its own: members_period_org_day_idx below begins with it.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", db_index=False)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # exclusive; null while it lasts
    admitted_on = models.DateField()  # party seniority runs from here
    recognized_on = models.DateField(null=True, blank=True)  # full member from here
    is_latest = models.BooleanField(default=False)  # the member's current (or last) organization

    class Meta:
        indexes = [
            # figures.counting: the periods that cover a day, with what the counts need, from the index alone.
            models.Index(
                fields=["start", "end", "member", "organization", "recognized_on"],
                name="members_period_on_day_idx",
            ),
            models.Index(
                fields=["organization", "start", "end", "recognized_on"], name="members_period_org_day_idx"
            ),
            models.Index(fields=["is_latest", "organization"]),
        ]
