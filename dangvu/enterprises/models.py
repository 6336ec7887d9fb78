"""Industrial and economic zones, the enterprises in them, the mass organizations (trade unions, youth
unions, youth federations, veterans' associations) in enterprises and units, and where the party
organizations stand among them.

Everything that changes over time is dated, so that the coverage figures (`dangvu.figures.coverage`) are
exact on any date: an enterprise's status is that of its latest status change on or before D; its
workforce and a mass organization's membership are their latest snapshot on or before D; a party
organization covers an enterprise on D when `start <= D < end` (the end is the first day it no longer does,
like a dissolution date). Only `services` writes these models.
"""

import datetime

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.core.fields import SortKeyField
from dangvu.core.models import LedgerEventModel, TimestampedModel
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .choices import (
    Country,
    EnterpriseStatus,
    Industry,
    MassOrganizationKind,
    MassOrganizationLevel,
    Ownership,
    ZoneKind,
)


def active_on(day: datetime.date, start: str = "start", end: str = "end") -> Q:
    """Rows whose dated stretch [start, end) covers the end of day D."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


def enterprise_scope(user, perm: str) -> tuple[bool, set[int]]:
    """(whether the user sees every enterprise, the organizations in the user's scope for `perm`).

    An enterprise belongs to the party organizations that cover it today; one that no party organization
    covers belongs to the top of the installation (the Committee, which targets it next). So a user whose
    scope holds the top organization sees every enterprise; a cell secretary sees the enterprises of the
    cell (accounts.scoping is the one source of the scope)."""
    from dangvu.accounts.scoping import scope_org_ids

    ids = scope_org_ids(user, perm)
    if ids is None:
        return True, set()
    if not ids:
        return False, set()
    tops = set(Organization.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    return bool(tops & ids), ids


class ZoneQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "mass_orgs.view"):
        """Zones are no one's records: every zone for a user with `perm`, none without."""
        from dangvu.accounts.scoping import has_perm

        return self if has_perm(user, perm) else self.none()


class Zone(TimestampedModel):
    code = models.CharField(_("mã khu"), max_length=20, unique=True)
    name = models.CharField(_("tên khu"), max_length=200)
    search_key = models.CharField(max_length=200, editable=False, default="", db_index=True)
    sort_key = SortKeyField()
    kind = models.CharField(_("loại khu"), max_length=20, choices=ZoneKind.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = ZoneQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "code"]
        verbose_name = _("khu công nghiệp, khu kinh tế")
        verbose_name_plural = _("khu công nghiệp, khu kinh tế")

    def __str__(self):
        return self.name


class EnterpriseQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "mass_orgs.view"):
        """Enterprises in the user's scope for `perm` (see `enterprise_scope`)."""
        everything, ids = enterprise_scope(user, perm)
        if everything:
            return self
        if not ids:
            return self.none()
        covering = PartyCoverage.objects.filter(active_on(today()), organization_id__in=sorted(ids))
        return self.filter(pk__in=covering.values("enterprise_id"))

    def with_status_on(self, day: datetime.date):
        """Each enterprise with `status_on`: its status on D ('' before its first status)."""
        latest = (
            EnterpriseStatusChange.objects.filter(
                enterprise=OuterRef("pk"), voided_at__isnull=True, date__lte=day
            )
            .order_by("-date", "-id")
            .values("status")[:1]
        )
        return self.annotate(status_on=Subquery(latest))


class Enterprise(TimestampedModel):
    name = models.CharField(_("tên doanh nghiệp"), max_length=300)
    search_key = models.CharField(max_length=300, editable=False, default="", db_index=True)
    # The name without its legal form ("Công ty TNHH …"), in Vietnamese order.
    sort_key = SortKeyField(db_index=True)
    tax_code = models.CharField(
        _("mã số thuế"),
        max_length=14,
        unique=True,
        help_text=_("10 chữ số, hoặc 10 chữ số và mã chi nhánh 3 chữ số: 0201234567-001."),
    )
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("khu công nghiệp, khu kinh tế"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    ownership = models.CharField(_("hình thức sở hữu"), max_length=20, choices=Ownership.choices)
    industry = models.CharField(_("ngành nghề"), max_length=30, choices=Industry.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("doanh nghiệp")
        verbose_name_plural = _("doanh nghiệp")

    def __str__(self):
        return f"{self.name} ({self.tax_code})"

    @property
    def countries(self) -> list[str]:
        return [row.country for row in self.investor_countries.all()]


class InvestorCountry(models.Model):
    """One country (or territory) of an enterprise's investors; an enterprise may have several."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("doanh nghiệp"),
        on_delete=models.CASCADE,
        related_name="investor_countries",
    )
    country = models.CharField(_("quốc gia, vùng lãnh thổ"), max_length=2, choices=Country.choices)

    class Meta:
        ordering = ["enterprise", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "country"], name="enterprise_country_once")
        ]
        indexes = [models.Index(fields=["country"])]
        verbose_name = _("nước đầu tư")
        verbose_name_plural = _("nước đầu tư")

    def __str__(self):
        return self.get_country_display()


class EnterpriseStatusChange(LedgerEventModel):
    """The enterprise's status from `date` on: licensed, building, operating stably, suspended, closed."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("doanh nghiệp"), on_delete=models.PROTECT, related_name="status_changes"
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=EnterpriseStatus.choices)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["enterprise", "date"])]
        verbose_name = _("thay đổi tình trạng doanh nghiệp")
        verbose_name_plural = _("thay đổi tình trạng doanh nghiệp")

    def __str__(self):
        return f"{self.get_status_display()} {self.date:%d/%m/%Y}"


class WorkforceQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "mass_orgs.view"):
        return self.filter(enterprise__in=Enterprise.objects.visible_to(user, perm))


class WorkforceSnapshot(TimestampedModel):
    """The enterprise's workforce counted on `date`; it stands until the next snapshot."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("doanh nghiệp"), on_delete=models.PROTECT, related_name="workforce"
    )
    date = models.DateField(_("ngày số liệu"))
    workers = models.PositiveIntegerField(_("số người lao động"))
    women = models.PositiveIntegerField(_("trong đó nữ"), default=0)
    young_workers = models.PositiveIntegerField(_("trong đó thanh niên"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = WorkforceQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise", "date"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "date"], name="workforce_once_a_day")]
        verbose_name = _("số liệu lao động")
        verbose_name_plural = _("số liệu lao động")

    def __str__(self):
        return f"{self.enterprise.name}: {self.workers} ({self.date:%d/%m/%Y})"


class MassOrganizationQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "mass_orgs.view"):
        """Those of the enterprises the user sees; those of units and of the Zone itself belong to the top
        of the installation (see `enterprise_scope`)."""
        everything, ids = enterprise_scope(user, perm)
        if everything:
            return self
        if not ids:
            return self.none()
        return self.filter(enterprise__in=Enterprise.objects.visible_to(user, perm))

    def existing_on(self, day: datetime.date):
        """Founded on or before D and not dissolved on or before D."""
        return self.filter(active_on(day, "founded_on", "dissolved_on"))


class MassOrganization(TimestampedModel):
    """A trade union, youth union, youth federation or veterans' association: of one enterprise, of one
    (non-enterprise) unit, or the Zone's own organization that gathers them."""

    kind = models.CharField(_("loại đoàn thể"), max_length=20, choices=MassOrganizationKind.choices)
    level = models.CharField(
        _("cấp"),
        max_length=20,
        choices=MassOrganizationLevel.choices,
        default=MassOrganizationLevel.GRASSROOTS,
    )
    name = models.CharField(_("tên tổ chức"), max_length=300)
    search_key = models.CharField(max_length=300, editable=False, default="", db_index=True)
    sort_key = SortKeyField()
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("doanh nghiệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mass_organizations",
    )
    unit = models.CharField(
        _("đơn vị (ngoài doanh nghiệp)"),
        max_length=300,
        blank=True,
        help_text=_("Cơ quan, đơn vị sự nghiệp nơi tổ chức hoạt động, khi không ở doanh nghiệp."),
    )
    founded_on = models.DateField(_("ngày thành lập"))
    founding_decision = models.CharField(_("quyết định thành lập"), max_length=100, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    dissolution_decision = models.CharField(_("quyết định giải thể"), max_length=100, blank=True)
    chair = models.CharField(_("chủ tịch, bí thư"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = MassOrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        indexes = [models.Index(fields=["kind", "founded_on"])]
        verbose_name = _("tổ chức đoàn thể")
        verbose_name_plural = _("tổ chức đoàn thể")

    def __str__(self):
        return self.name


class MembershipSnapshotQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "mass_orgs.view"):
        return self.filter(organization__in=MassOrganization.objects.visible_to(user, perm))


class MembershipSnapshot(TimestampedModel):
    """A mass organization's members counted on `date`; it stands until the next snapshot."""

    organization = models.ForeignKey(
        MassOrganization,
        verbose_name=_("tổ chức đoàn thể"),
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    date = models.DateField(_("ngày số liệu"))
    members = models.PositiveIntegerField(_("số đoàn viên, hội viên"))
    note = models.TextField(_("ghi chú"), blank=True)

    objects = MembershipSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "date"], name="membership_snapshot_once_a_day")
        ]
        verbose_name = _("số liệu đoàn viên, hội viên")
        verbose_name_plural = _("số liệu đoàn viên, hội viên")

    def __str__(self):
        return f"{self.organization.name}: {self.members} ({self.date:%d/%m/%Y})"


class PartyCoverageQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "mass_orgs.view"):
        return self.filter(enterprise__in=Enterprise.objects.visible_to(user, perm))

    def active_on(self, day: datetime.date):
        return self.filter(active_on(day))


class PartyCoverage(TimestampedModel):
    """A party organization covers an enterprise from `start` up to (not including) `end`. One party
    organization may cover several enterprises of a group; an enterprise may have several (a party
    committee and its cells)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="enterprise_coverage",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("doanh nghiệp"), on_delete=models.PROTECT, related_name="party_coverage"
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(
        _("thôi từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên tổ chức đảng không còn phụ trách."),
    )
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    end_decision_number = models.CharField(_("số quyết định kết thúc"), max_length=100, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = PartyCoverageQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise", "start", "id"]
        indexes = [models.Index(fields=["start", "end"])]
        verbose_name = _("tổ chức đảng phụ trách doanh nghiệp")
        verbose_name_plural = _("tổ chức đảng phụ trách doanh nghiệp")

    def __str__(self):
        return f"{self.organization.name} – {self.enterprise.name}"


class WorkplaceQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "members.view"):
        """A workplace is part of a member's record: seen with the member."""
        return self.filter(member__in=Member.objects.visible_to(user, perm))

    def active_on(self, day: datetime.date):
        return self.filter(active_on(day))


class Workplace(TimestampedModel):
    """A party member works in an enterprise from `start` up to (not including) `end`. This is how the
    members of an enterprise without a party organization (in the core cell, or elsewhere) are found."""

    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="workplaces"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("doanh nghiệp"), on_delete=models.PROTECT, related_name="workplaces"
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("thôi từ ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = WorkplaceQuerySet.as_manager()

    class Meta:
        ordering = ["member", "start", "id"]
        verbose_name = _("nơi làm việc của đảng viên")
        verbose_name_plural = _("nơi làm việc của đảng viên")

    def __str__(self):
        return f"{self.member} – {self.enterprise.name}"
