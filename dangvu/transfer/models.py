"""An import started from the web page: the uploaded file until it is written or refused, where the background
task stands (the page polls it for the progress bar), and the outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import BackgroundRun

MAX_STORED_PROBLEMS = 5000  # the page and the downloadable report show these; the count says how many in all


class ImportRun(BackgroundRun):
    class Status(models.TextChoices):
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
        REFUSED = "refused", _("Có lỗi: không ghi gì")
        IMPORTING = "importing", _("Đang ghi")
        DONE = "done", _("Đã ghi")
        FAILED = "failed", _("Không hoàn thành do lỗi hệ thống")

    RUNNING = (Status.CHECKING, Status.IMPORTING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("địa chỉ"), max_length=64, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"), default=0)
    # The file itself, kept only until it is written or refused (it holds personal data).
    content = models.BinaryField(_("nội dung tệp"), default=b"", editable=False)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.CHECKING)
    counts = models.JSONField(_("số lượng"), default=dict, blank=True)
    problems = models.JSONField(_("lỗi"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    audit_id = models.BigIntegerField(_("mục nhật ký"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("các lần nhập dữ liệu")

    def __str__(self):
        return self.filename
