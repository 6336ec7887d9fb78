"""`dangvu ensure_admin`: make sure an administrator exists (used by `make run`).

When there is no superuser, create "admin" through accounts.services.add_user (audited) with the password
from DANGVU_ADMIN_PASSWORD, or a random one printed once; when there is one, say so and print no secret."""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts import services
from dangvu.accounts.models import User
from dangvu.core.context import acting

USERNAME = "admin"
PASSWORD_VARIABLE = "DANGVU_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = _(
        "Tạo tài khoản quản trị nếu chưa có (mật khẩu ngẫu nhiên in một lần, hoặc DANGVU_ADMIN_PASSWORD)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help=_("địa chỉ của hệ thống, để in đường dẫn đăng nhập (mặc định http://127.0.0.1:8000)"),
        )

    def handle(self, *args, **options):
        login_url = options["url"].rstrip("/") + reverse("login")
        existing = User.objects.filter(is_superuser=True).order_by("id").first()
        if existing is not None:
            self.stdout.write(
                _("Đã có tài khoản quản trị “%(user)s”: không tạo thêm. Đăng nhập tại %(url)s")
                % {"user": existing.username, "url": login_url}
            )
            return
        if User.objects.filter(username=USERNAME).exists():
            raise CommandError(
                _(
                    "Chưa có tài khoản quản trị nhưng tên “%(user)s” đã được dùng: tạo quản trị viên bằng "
                    "`dangvu createsuperuser`."
                )
                % {"user": USERNAME}
            )
        password = os.environ.get(PASSWORD_VARIABLE) or None
        with acting(None, source="command"):
            try:
                user, password_used = services.add_user(
                    USERNAME,
                    organization=None,
                    roles=[],
                    password=password,
                    is_superuser=True,
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        lines = [
            _("Đã tạo tài khoản quản trị."),
            _("  Đăng nhập tại: %(url)s") % {"url": login_url},
            _("  Tên đăng nhập: %(user)s") % {"user": user.username},
        ]
        if password is None:
            lines.append(
                _("  Mật khẩu: %(password)s  (chỉ in một lần này: hãy ghi lại và đổi sau khi đăng nhập)")
                % {"password": password_used}
            )
        else:
            lines.append(_("  Mật khẩu: lấy từ biến môi trường %(var)s") % {"var": PASSWORD_VARIABLE})
        self.stdout.write("\n".join(lines))
