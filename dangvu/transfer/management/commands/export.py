"""`dangvu export -o FILE.xlsx [--org CODE]`: every organization and member (with their ledgers), or those
under CODE, in the import template — a file that `dangvu import` takes back unchanged."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangvu.core.context import acting
from dangvu.core.numbers import format_int
from dangvu.organizations.models import Organization
from dangvu.transfer.exports import full_export


class Command(BaseCommand):
    help = _("Xuất toàn bộ tổ chức, đảng viên và biến động theo mẫu nhập dữ liệu.")

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help=_("tệp .xlsx cần ghi"))
        parser.add_argument("--org", help=_("chỉ xuất tổ chức này và mọi tổ chức trực thuộc"))

    def handle(self, *args, **options):
        org = None
        if options["org"]:
            org = Organization.objects.filter(code=options["org"].strip()).first()
            if org is None:
                raise CommandError(_("Không có tổ chức mã “%(code)s”.") % {"code": options["org"]})
        with acting(None, source="command"):
            content, counts = full_export(org=org)
        Path(options["output"]).write_bytes(content)
        self.stdout.write(
            _("Đã ghi %(path)s: %(o)s tổ chức, %(m)s đảng viên, %(e)s biến động.")
            % {
                "path": options["output"],
                "o": format_int(counts["organizations"]),
                "m": format_int(counts["members"]),
                "e": format_int(counts["events"]),
            }
        )
