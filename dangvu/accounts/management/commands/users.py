import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dangvu.accounts import services
from dangvu.accounts.models import Role, User
from dangvu.core.context import acting
from dangvu.organizations.models import Organization


class Command(BaseCommand):
    help = "Quản lý người dùng: add, token, revoke, unlock, list."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Tạo người dùng")
        add.add_argument("username")
        add.add_argument("--org", required=True, help="mã tổ chức của người dùng")
        add.add_argument("--role", action="append", required=True, help="mã vai trò (lặp lại được)")
        add.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ đầu vào chuẩn")
        add.add_argument("--name", default="", help="họ và tên")
        token = sub.add_parser("token", help="Cấp mã API mới (mã cũ hết hiệu lực)")
        token.add_argument("username")
        revoke = sub.add_parser("revoke", help="Thu hồi mã API")
        revoke.add_argument("username")
        unlock_cmd = sub.add_parser("unlock", help="Mở khóa tài khoản")
        unlock_cmd.add_argument("username")
        sub.add_parser("list", help="Liệt kê người dùng")

    def _user(self, username):
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng {username}.") from exc

    def handle(self, *args, action, **options):
        with acting(None, source="command"):
            try:
                getattr(self, f"do_{action}")(**options)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc

    def do_add(self, username, org, role, password_stdin, name, **_):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"Không có tổ chức mã {org}.")
        password = sys.stdin.readline().rstrip("\n") if password_stdin else None
        user, password = services.add_user(
            username, organization=organization, roles=role, password=password, full_name=name
        )
        self.stdout.write(f"Đã tạo {user.username} ({organization.code}; {', '.join(role)}).")
        if not password_stdin:
            self.stdout.write(f"Mật khẩu: {password}")

    def do_token(self, username, **_):
        self.stdout.write(services.new_token(self._user(username)))

    def do_revoke(self, username, **_):
        services.revoke_token(self._user(username))
        self.stdout.write(f"Đã thu hồi mã API của {username}.")

    def do_unlock(self, username, **_):
        services.unlock_user(self._user(username))
        self.stdout.write(f"Đã mở khóa {username}.")

    def do_list(self, **_):
        roles = {r.pk: r.code for r in Role.objects.all()}
        for user in (
            User.objects.select_related("organization").prefetch_related("roles").order_by("username")
        ):
            org = user.organization.code if user.organization else "-"
            codes = ",".join(roles[r.pk] for r in user.roles.all())
            self.stdout.write(f"{user.username}\t{org}\t{codes}")
