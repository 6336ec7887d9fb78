"""Base models every app builds on, the audit trail and the dated rule settings."""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class BackgroundRun(TimestampedModel):
    """A job run by a background task (an import, a report): where it stands, for the page's progress bar,
    and how it ended. Subclasses give their `status` field and the statuses that mean it still runs."""

    RUNNING: tuple = ()

    phase = models.CharField(_("bước"), max_length=30, blank=True)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    error = models.TextField(_("lỗi hệ thống"), blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return min(100, round(self.done * 100 / self.total))


class LedgerEventModel(TimestampedModel):
    """A dated event with its decision, who recorded it, and an optional correction that voids it.

    Events are never rewritten: a wrong one gets a correction (a reason, and usually a replacing event),
    and only events without a correction count.
    """

    date = models.DateField(_("ngày"))
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.CharField(_("người ghi"), max_length=150, blank=True)
    voided_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    void_reason = models.TextField(_("lý do đính chính"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


class AuditKind(models.TextChoices):
    CREATE = "create", _("Tạo mới")
    UPDATE = "update", _("Sửa")
    DELETE = "delete", _("Xóa")
    EVENT = "event", _("Ghi biến động")
    CORRECTION = "correction", _("Đính chính")
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    REVEAL = "reveal", _("Xem dữ liệu cá nhân")
    EXPORT = "export", _("Xuất dữ liệu")
    IMPORT = "import", _("Nhập dữ liệu")


class JSONText(models.TextField):
    """A JSON value stored as the text written, read back as Python values. The audit trail keeps its values
    so: the database neither parses them (PostgreSQL's jsonb parses every value written — a bulk import writes
    hundreds of thousands) nor reformats them, so the stored text is the text the entry's hash was computed
    with. The trail is never searched inside its values."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        if value is None:
            return None
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)

    def value_to_string(self, obj):
        return self.value_from_object(obj)


class AuditEntry(models.Model):
    """One append-only row per write or sensitive read; each row's hash covers the previous row's hash."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AuditKind.choices)
    user_id = models.BigIntegerField(_("mã người dùng"), null=True, blank=True)
    username = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=64, blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    source = models.CharField(_("nguồn"), max_length=20, blank=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    before = JSONText(_("trước"), null=True, blank=True)
    after = JSONText(_("sau"), null=True, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")

    def payload(self) -> str:
        data = {
            "at": self.at.isoformat() if self.at else None,
            "kind": self.kind,
            "user_id": self.user_id,
            "username": self.username,
            "address": self.address,
            "request_id": self.request_id,
            "source": self.source,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "before": self.before,
            "after": self.after,
            "previous_hash": self.previous_hash,
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()


class RuleValue(models.Model):
    """An administrator's dated override of a party rule (see `dangvu.core.rules`)."""

    key = models.CharField(_("quy định"), max_length=100)
    value = models.JSONField(_("giá trị"))
    valid_from = models.DateField(_("áp dụng từ"))
    source = models.CharField(_("căn cứ"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        unique_together = [("key", "valid_from")]
        ordering = ["key", "valid_from"]
        verbose_name = _("giá trị quy định")
        verbose_name_plural = _("giá trị quy định")
