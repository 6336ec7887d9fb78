"""`dangvu funnel [--org CODE] --from YYYY-MM-DD --to YYYY-MM-DD [--json]`: the member-development funnel of
an organization (with everything under it) over a period, exactly `figures.funnel.funnel_figures()`.

The JSON keys: org, org_name, from, to, the step counts (proposed, trained, introduced, verified, voted,
admitted, recognized, stopped), rates, median_days, by_source, by_enterprise, by_preparing_organization,
core_cell. Nothing is printed around the JSON."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date
from dangvu.core.numbers import format_int
from dangvu.development.choices import Source
from dangvu.figures.funnel import NAMES, funnel_figures
from dangvu.figures.management.commands.stats import organization_or_root, parse_day

LABELS = {
    "proposed": _("Được đề xuất bồi dưỡng"),
    "trained": _("Học lớp bồi dưỡng nhận thức về Đảng"),
    "introduced": _("Được giới thiệu vào Đảng"),
    "verified": _("Thẩm tra lý lịch"),
    "voted": _("Chi bộ đề nghị kết nạp"),
    "admitted": _("Kết nạp"),
    "recognized": _("Công nhận chính thức"),
    "stopped": _("Dừng phát triển"),
}


def summary(data: dict) -> list[str]:
    """The funnel as readable Vietnamese lines (numbers as 1.062, percentages as 26,3%)."""
    start = format_vn_date(datetime.date.fromisoformat(data["from"]))
    end = format_vn_date(datetime.date.fromisoformat(data["to"]))
    lines = [
        _("Phát triển đảng viên — %(name)s (%(code)s), %(start)s – %(end)s")
        % {"name": data["org_name"], "code": data["org"], "start": start, "end": end}
    ]
    for name in NAMES:
        lines.append(f"  {LABELS[name]}: {format_int(data[name])}")
    lines.append(
        _("Tỷ lệ kết nạp trên số học lớp bồi dưỡng: %(rate)s")
        % {"rate": data["rates"]["trained_admitted"]["text"]}
    )
    lines.append(
        _("Kết nạp qua chi bộ nòng cốt: %(n)s") % {"n": format_int(data["core_cell"]["through"]["admitted"])}
    )
    for source, group in data["by_source"].items():
        lines.append(
            _("  Nguồn %(source)s: học lớp %(trained)s, kết nạp %(admitted)s (%(rate)s)")
            % {
                "source": Source(source).label,
                "trained": format_int(group["trained"]),
                "admitted": format_int(group["admitted"]),
                "rate": group["rates"]["trained_admitted"]["text"],
            }
        )
    return lines


class Command(BaseCommand):
    help = _("Số liệu phát triển đảng viên của một tổ chức (với mọi tổ chức trực thuộc) trong một kỳ.")

    def add_arguments(self, parser):
        parser.add_argument("--org", metavar="CODE", help=_("mã tổ chức; mặc định là Đảng bộ (gốc của cây)"))
        parser.add_argument(
            "--from", dest="period_from", metavar="YYYY-MM-DD", required=True, help=_("đầu kỳ")
        )
        parser.add_argument("--to", dest="period_to", metavar="YYYY-MM-DD", required=True, help=_("cuối kỳ"))
        parser.add_argument("--json", action="store_true", help=_("in JSON"))

    def handle(self, *args, **options):
        start = parse_day(options["period_from"], "--from")
        end = parse_day(options["period_to"], "--to")
        if start > end:
            raise CommandError(_("--from phải trước hoặc bằng --to."))
        data = funnel_figures(organization_or_root(options["org"]), start, end)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary(data)))
