"""`dangvu import FILE.xlsx [--dry-run] [--user USERNAME]`: import a workbook in the template, all or nothing.
`dangvu import template -o FILE.xlsx`: write the empty template.

Exits 0 when the file was imported (or, with --dry-run, would be), and 1 with the problem report — every
problem as sheet, row, column, value and what to fix — when it is refused; nothing is written then."""

import argparse
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.accounts.models import User
from dangvu.core.context import acting
from dangvu.core.numbers import format_int
from dangvu.transfer.importer import run_import
from dangvu.transfer.reader import ENGINES
from dangvu.transfer.template import empty_template

LABELS = {
    "organizations": gettext_lazy("Tổ chức đảng"),
    "members": gettext_lazy("Đảng viên"),
    "events": gettext_lazy("Biến động"),
}


def count_lines(counts: dict) -> list[str]:
    lines = []
    for key, label in LABELS.items():
        found = counts.get(key)
        if not found:
            continue
        lines.append(
            _("%(what)s: %(new)s mới, %(changed)s thay đổi, %(unchanged)s không đổi")
            % {
                "what": label,
                "new": format_int(found["new"]),
                "changed": format_int(found["changed"]),
                "unchanged": format_int(found["unchanged"]),
            }
        )
    return lines


class Command(BaseCommand):
    help = _(
        "Nhập tệp Excel theo mẫu (trang Tổ chức, Đảng viên, Biến động): tất cả hoặc không gì cả. "
        "`dangvu import template -o TỆP.xlsx` ghi tệp mẫu trống."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("tệp .xlsx cần nhập, hoặc `template` để ghi tệp mẫu"))
        parser.add_argument("-o", "--output", help=_("với `template`: nơi ghi tệp mẫu"))
        parser.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra và báo cáo, không ghi gì"))
        parser.add_argument(
            "--user", help=_("nhập với quyền và phạm vi của người dùng này (ghi vào nhật ký)")
        )
        parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
        parser.add_argument("--engine", choices=ENGINES, default="calamine", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if options["file"] == "template":
            return self.template(options["output"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": path})
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(_("Không có người dùng %(u)s.") % {"u": options["user"]})
        with acting(user, source="command"):
            result = run_import(
                path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
                acting_user=user,
                engine=options["engine"],
            )
        if options["json"]:
            data = {
                **result.summary(),
                "committed": result.committed,
                "problems": [p.as_dict() for p in result.problems],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_("Tệp %(name)s, SHA-256 %(sha)s") % {"name": path.name, "sha": result.sha256})
            for line in count_lines(result.counts):
                self.stdout.write(line)
        if result.problems:
            if not options["json"]:
                for problem in result.problems:
                    self.stderr.write(problem.line())
            raise CommandError(
                _("Tệp bị từ chối: %(n)s lỗi, không ghi gì. Sửa tệp theo báo cáo trên rồi nhập lại.")
                % {"n": format_int(len(result.problems))}
            )
        if not options["json"]:
            if result.dry_run:
                self.stdout.write(_("Chạy thử (--dry-run): tệp hợp lệ, không ghi gì."))
            else:
                self.stdout.write(
                    _("Đã ghi vào cơ sở dữ liệu (%(s)s giây).")
                    % {"s": f"{result.seconds:.1f}".replace(".", ",")}
                )

    def template(self, output):
        if not output:
            raise CommandError(_("Cho biết nơi ghi tệp mẫu: dangvu import template -o TỆP.xlsx"))
        Path(output).write_bytes(empty_template())
        self.stdout.write(_("Đã ghi tệp mẫu %(path)s.") % {"path": output})
