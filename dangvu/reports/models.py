"""A report generated in the background: what was asked, where the task stands (the page polls it for the
progress bar) and the file, downloaded by the user who asked."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import BackgroundRun


class ReportRun(BackgroundRun):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang lập")
        DONE = "done", _("Đã lập xong")
        FAILED = "failed", _("Không hoàn thành do lỗi hệ thống")

    RUNNING = (Status.QUEUED, Status.RUNNING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.CASCADE, related_name="+"
    )
    slug = models.CharField(_("báo cáo"), max_length=40)
    title = models.CharField(_("tên báo cáo"), max_length=300)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    as_of = models.DateField(_("tính đến ngày"))
    date_from = models.DateField(_("từ ngày"), null=True, blank=True)
    format = models.CharField(_("định dạng"), max_length=10)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    content = models.BinaryField(_("nội dung tệp"), default=b"", editable=False)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    summary = models.JSONField(_("nội dung"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần lập báo cáo")
        verbose_name_plural = _("các lần lập báo cáo")

    def __str__(self):
        return self.title
