"""The tree of party organizations and its dated history.

An organization's state on a date (name, kind, sector, parent, whether it exists) is the state written by
its latest event on or before that date; each event row stores the whole state after it, so reading the
tree on any date is one pass over the events (`dangvu.organizations.tree`). The columns `name`, `kind`,
`sector` and `parent` on `Organization` repeat the state after the latest event, for plain lookups and
forms; only `services` writes them, in the same transaction as the event.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.fields import SortKeyField
from dangvu.core.models import LedgerEventModel, TimestampedModel

from .choices import EnterpriseKind, OrganizationEventKind, OrganizationKind, Sector


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "organizations.view"):
        """Organizations in the user's scope for `perm` (accounts.scoping)."""
        from dangvu.accounts.scoping import scope_org_ids

        ids = scope_org_ids(user, perm)
        if ids is None:
            return self
        return self.filter(pk__in=sorted(ids))


class Organization(TimestampedModel):
    code = models.CharField(_("mã tổ chức"), max_length=40, unique=True)
    is_core_cell = models.BooleanField(
        _("chi bộ nòng cốt"),
        default=False,
        help_text=_(
            "Chi bộ nòng cốt Công đoàn – Doanh nghiệp: tập hợp đảng viên ở doanh nghiệp chưa có tổ chức đảng."
        ),
    )
    # The state after the latest event (see the module docstring).
    name = models.CharField(_("tên tổ chức"), max_length=300)
    search_key = models.CharField(max_length=300, editable=False, default="", db_index=True)
    sort_key = SortKeyField()
    kind = models.CharField(_("loại tổ chức"), max_length=30, choices=OrganizationKind.choices)
    sector = models.CharField(_("khối"), max_length=20, choices=Sector.choices)
    enterprise_kind = models.CharField(
        _("loại hình doanh nghiệp"), max_length=30, choices=EnterpriseKind.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tổ chức cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="current_children",
    )
    external_parent = models.CharField(_("cấp trên (ngoài hệ thống)"), max_length=300, blank=True)
    founded_on = models.DateField(_("ngày thành lập"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")

    def __str__(self):
        return f"{self.name} ({self.code})"


class OrganizationEvent(LedgerEventModel):
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("loại sự kiện"), max_length=20, choices=OrganizationEventKind.choices)
    # The whole state after the event.
    name = models.CharField(_("tên tổ chức"), max_length=300)
    org_kind = models.CharField(_("loại tổ chức"), max_length=30, choices=OrganizationKind.choices)
    sector = models.CharField(_("khối"), max_length=20, choices=Sector.choices)
    enterprise_kind = models.CharField(
        _("loại hình doanh nghiệp"), max_length=30, choices=EnterpriseKind.choices, blank=True
    )
    parent = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    external_parent = models.CharField(_("cấp trên (ngoài hệ thống)"), max_length=300, blank=True)
    exists = models.BooleanField(_("còn hoạt động"), default=True)
    # For merges and splits: the organization the members went to / came from.
    related = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("sự kiện của tổ chức")
        verbose_name_plural = _("sự kiện của tổ chức")
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.organization.code} {self.date:%d/%m/%Y}"
