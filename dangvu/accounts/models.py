"""User accounts, roles as data, and the records authentication needs (failed logins, TOTP devices)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimestampedModel


class Role(TimestampedModel):
    code = models.SlugField(_("mã vai trò"), max_length=40, unique=True)
    name = models.CharField(_("tên vai trò"), max_length=120)
    permissions = models.JSONField(_("quyền"), default=list)
    requires_two_factor = models.BooleanField(_("bắt buộc xác thực hai lớp"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A user account belongs to one organization; its roles apply to that organization and everything
    under it."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    roles = models.ManyToManyField(Role, verbose_name=_("vai trò"), blank=True, related_name="users")
    locked_until = models.DateTimeField(_("khóa đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")


class FailedLogin(models.Model):
    """One failed login, by account name and address: the lock-out counts these."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    username = models.CharField(_("tên đăng nhập"), max_length=150, db_index=True)
    address = models.CharField(_("địa chỉ"), max_length=64, db_index=True)

    class Meta:
        verbose_name = _("đăng nhập thất bại")
        verbose_name_plural = _("đăng nhập thất bại")


class TOTPDevice(TimestampedModel):
    user = models.OneToOneField(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="totp"
    )
    secret = models.CharField(_("khóa bí mật"), max_length=64)
    confirmed = models.BooleanField(_("đã xác nhận"), default=False)
    last_used_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("thiết bị xác thực")
        verbose_name_plural = _("thiết bị xác thực")
