"""Discipline records of the Inspection Committee. Only roles with `discipline.view` see them (by default
the Inspection Committee and the administrator), through `DisciplineRecord.objects.visible_to(user)`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import LedgerEventModel
from dangvu.members.models import Member


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")
    EXPULSION = "expulsion", _("Khai trừ")


class DisciplineQuerySet(models.QuerySet):
    def visible_to(self, user, perm: str = "discipline.view"):
        from dangvu.accounts.scoping import scope_org_ids

        ids = scope_org_ids(user, perm)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(member__in=Member.objects.visible_to(user, perm))


class DisciplineRecord(LedgerEventModel):
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="discipline_records"
    )
    form = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=DisciplineForm.choices)
    issuer = models.CharField(_("cấp quyết định"), max_length=200)
    reason = models.TextField(_("nội dung vi phạm"))

    objects = DisciplineQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("quyết định kỷ luật")
        verbose_name_plural = _("quyết định kỷ luật")

    def __str__(self):
        return f"{self.get_form_display()} {self.member} {self.date:%d/%m/%Y}"
