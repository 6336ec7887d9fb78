"""`dangvu demo load [--if-empty]`: load the demo data (the Party Committee of the Hai Phong Economic Zone,
1994 – 30/06/2024, synthetic people) into an empty database.

First the organizations and members (`dangvu.demo.load`), then, one call per app in `handle()`, what each app
adds on top of them (member development: the candidates' histories behind the admissions, and candidates in
progress). One transaction: all of it or nothing.

The database counts as empty when it holds no party organization and no member (user accounts do not
count). On a database that is not empty the command refuses, or with --if-empty says so and does nothing."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.accounts.demo import load_demo_accounts
from dangvu.core.numbers import format_int
from dangvu.demo.load import load_demo
from dangvu.development.demo import load_development_demo
from dangvu.enterprises.demo import load_enterprise_demo
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.targets.demo import load_targets_demo


class Command(BaseCommand):
    help = _("Nạp dữ liệu mẫu của Đảng bộ Khu kinh tế Hải Phòng (1994 – 30/06/2024) vào cơ sở dữ liệu trống.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"], help=_("load: nạp dữ liệu mẫu"))
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("chỉ nạp khi chưa có tổ chức đảng nào; nếu đã có thì bỏ qua, không báo lỗi"),
        )

    def handle(self, *args, **options):
        organizations = Organization.objects.count()
        members = Member.objects.count()
        if organizations or members:
            message = _(
                "Cơ sở dữ liệu đã có %(orgs)s tổ chức đảng và %(members)s đảng viên: dữ liệu mẫu chỉ nạp vào cơ sở "
                "dữ liệu trống."
            ) % {"orgs": format_int(organizations), "members": format_int(members)}
            if options["if_empty"]:
                self.stdout.write(message + " " + _("Bỏ qua."))
                return
            raise CommandError(
                message + " " + _("Dùng cơ sở dữ liệu mới (DATABASE_URL) hoặc bỏ qua bằng --if-empty.")
            )
        started = time.monotonic()
        with transaction.atomic():
            result = load_demo()
            # What the apps add on top of the organizations and members, one line each.
            load_enterprise_demo()
            development = load_development_demo()
            load_targets_demo()
            load_demo_accounts()  # one account per role, password in README.md "Demo accounts"
        self.stdout.write(
            _(
                "Đã nạp dữ liệu mẫu: %(orgs)s tổ chức đảng, %(members)s đảng viên, %(events)s biến động, "
                "%(candidates)s quần chúng ưu tú (%(s)s giây)."
            )
            % {
                "orgs": format_int(result.organizations),
                "members": format_int(result.members),
                "events": format_int(result.events),
                "candidates": format_int(development.candidates),
                "s": f"{time.monotonic() - started:.1f}".replace(".", ","),
            }
        )
