"""`dangvu report NAME [--org CODE] [--as-of DATE | --from DATE --to DATE] --format xlsx|docx|pdf|json
-o FILE` and `dangvu report --list`: a report of the catalogue, as the pages make it; the file is recorded in
the audit trail as the pages' downloads are. Dates are dd/mm/yyyy or YYYY-MM-DD."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangvu.core.context import acting
from dangvu.core.dates import today
from dangvu.figures.management.commands.stats import organization_or_root, parse_day

from ... import catalogue
from ...render import FORMATS
from ...services import contents, produce, record_export


class Command(BaseCommand):
    help = _("Lập một báo cáo trong danh mục (xlsx, docx, pdf hoặc json).")

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", metavar="NAME", help=_("tên báo cáo (xem --list)"))
        parser.add_argument("--list", action="store_true", help=_("liệt kê các báo cáo"))
        parser.add_argument("--org", metavar="CODE", help=_("mã tổ chức; mặc định là Đảng bộ (gốc của cây)"))
        parser.add_argument(
            "--as-of", metavar="DATE", help=_("ngày tính số liệu (báo cáo theo ngày); mặc định hôm nay")
        )
        parser.add_argument("--from", dest="date_from", metavar="DATE", help=_("đầu kỳ (báo cáo theo kỳ)"))
        parser.add_argument(
            "--to", dest="date_to", metavar="DATE", help=_("cuối kỳ (báo cáo theo kỳ); mặc định hôm nay")
        )
        parser.add_argument("--format", choices=list(FORMATS), default="json", help=_("định dạng tệp"))
        parser.add_argument(
            "-o", "--output", metavar="FILE", help=_("tệp ghi ra; '-' hoặc bỏ trống: in ra (chỉ json)")
        )

    def handle(self, *args, **options):
        if options["list"]:
            for spec in catalogue.REPORTS.values():
                kind = _("theo kỳ: --from, --to") if spec.period else _("theo ngày: --as-of")
                self.stdout.write(f"{spec.slug:<12} {spec.title} ({kind})")
            return
        name = options["name"]
        if not name:
            raise CommandError(_("Cho biết tên báo cáo, hoặc --list để xem danh mục."))
        spec = catalogue.get(name)
        if spec is None:
            raise CommandError(
                _("Không có báo cáo “%(name)s”; các báo cáo: %(names)s.")
                % {"name": name, "names": ", ".join(catalogue.REPORTS)}
            )
        if spec.period:
            if options["as_of"]:
                raise CommandError(
                    _("Báo cáo %(name)s theo kỳ: dùng --from và --to, không dùng --as-of.") % {"name": name}
                )
            start = parse_day(options["date_from"], "--from")
            if start is None:
                raise CommandError(_("Báo cáo %(name)s theo kỳ: cần --from (đầu kỳ).") % {"name": name})
            day = parse_day(options["date_to"], "--to") or today()
            if start > day:
                raise CommandError(_("--from phải trước hoặc bằng --to."))
        else:
            if options["date_from"] or options["date_to"]:
                raise CommandError(
                    _("Báo cáo %(name)s theo ngày: dùng --as-of, không dùng --from/--to.") % {"name": name}
                )
            start, day = None, parse_day(options["as_of"], "--as-of") or today()
        fmt = options["format"]
        output = options["output"]
        if fmt != "json" and output in (None, "-"):
            raise CommandError(_("Định dạng %(fmt)s cần tệp ghi ra: -o TỆP.") % {"fmt": fmt})
        organization = organization_or_root(options["org"])
        with acting(None, source="command"):
            report, content = produce(spec, catalogue.Params(organization, day, start), fmt)
            record_export(contents(report, fmt, content))
        if output in (None, "-"):
            self.stdout.write(content.decode())
            return
        with open(output, "wb") as handle:
            handle.write(content)
        if options["verbosity"] > 0:
            sys.stderr.write(_("Đã ghi %(file)s.") % {"file": output} + "\n")
