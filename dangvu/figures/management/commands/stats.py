"""`dangvu stats [--org CODE] [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--json]`: the statistics of an
organization (with everything under it) on a date, exactly `figures.stats.statistics()`.

The JSON output is read by our own checks: its keys are those of `statistics()` and nothing is printed
around it."""

import datetime
import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date, parse_vn_date, today
from dangvu.core.numbers import format_int
from dangvu.figures.stats import root_organization, statistics
from dangvu.organizations.models import Organization


def parse_day(text: str | None, option: str) -> datetime.date | None:
    """A date typed on the command line: YYYY-MM-DD (dd/mm/yyyy is accepted too)."""
    if text is None:
        return None
    try:
        return parse_vn_date(text)
    except ValueError:
        raise CommandError(
            _("%(option)s: ngày “%(text)s” không hợp lệ; nhập theo dạng YYYY-MM-DD, ví dụ 2024-03-31.")
            % {"option": option, "text": text}
        ) from None


def organization_or_root(code: str | None) -> Organization:
    """The organization with this code, or the top of the installation when no code is given."""
    if code:
        org = Organization.objects.filter(code=code.strip()).first()
        if org is None:
            raise CommandError(_("Không có tổ chức mã “%(code)s”.") % {"code": code})
        return org
    try:
        return root_organization()
    except ObjectDoesNotExist:
        raise CommandError(
            _("Chưa có tổ chức đảng nào: nạp dữ liệu mẫu bằng `dangvu demo load` trước.")
        ) from None


def summary(data: dict) -> list[str]:
    """The statistics as readable Vietnamese lines (numbers as 1.062, dates as dd/mm/yyyy)."""
    day = datetime.date.fromisoformat(data["as_of"])
    members = data["members"]
    orgs = data["organizations"]
    year_from = format_vn_date(day.replace(month=1, day=1))
    lines = [
        _("%(name)s (%(code)s), ngày %(day)s")
        % {"name": data["org_name"], "code": data["org"], "day": format_vn_date(day)}
    ]
    if not data.get("exists", True):
        lines.append(_("(Tổ chức không tồn tại vào ngày này.)"))
    lines += [
        _("Đảng viên: %(total)s (chính thức %(full)s, dự bị %(probationary)s)")
        % {k: format_int(members[k]) for k in ("total", "full", "probationary")},
        _("  nữ %(female)s; khối doanh nghiệp %(enterprise)s, khối hành chính sự nghiệp %(administrative)s")
        % {k: format_int(members[k]) for k in ("female", "enterprise", "administrative")},
        _("Kết nạp từ %(start)s: %(n)s") % {"start": year_from, "n": format_int(data["admitted_in_year"])},
        _("Tổ chức thành lập từ %(start)s: %(n)s")
        % {"start": year_from, "n": format_int(data["founded_in_year"])},
        _(
            "Tổ chức trực thuộc: %(direct)s đầu mối trực thuộc; %(gc)s đảng bộ cơ sở, %(cells)s chi bộ cơ sở, "
            "%(sub)s chi bộ trực thuộc"
        )
        % {
            "direct": format_int(orgs["direct_subordinates"]),
            "gc": format_int(orgs["grassroots_committees"]),
            "cells": format_int(orgs["grassroots_cells"]),
            "sub": format_int(orgs["subordinate_cells"]),
        },
    ]
    period = data.get("period")
    if period:
        lines.append(
            _("Trong kỳ %(start)s – %(end)s: kết nạp %(admitted)s, thành lập %(founded)s tổ chức")
            % {
                "start": format_vn_date(datetime.date.fromisoformat(period["from"])),
                "end": format_vn_date(datetime.date.fromisoformat(period["to"])),
                "admitted": format_int(period["admitted"]),
                "founded": format_int(period["founded"]),
            }
        )
    for target in data.get("targets", []):
        lines.append(
            _("Chỉ tiêu %(measure)s (%(period)s): %(reached)s/%(target)s, đạt %(percent)s")
            % {
                "measure": target["measure_name"].lower(),
                "period": target["period"],
                "reached": format_int(target["reached"]),
                "target": format_int(target["target"]),
                "percent": target["percent_text"],
            }
        )
    return lines


class Command(BaseCommand):
    help = _("Số liệu của một tổ chức (với mọi tổ chức trực thuộc) vào một ngày.")

    def add_arguments(self, parser):
        parser.add_argument("--org", metavar="CODE", help=_("mã tổ chức; mặc định là Đảng bộ (gốc của cây)"))
        parser.add_argument(
            "--as-of", metavar="YYYY-MM-DD", help=_("ngày tính số liệu; mặc định là hôm nay (giờ Việt Nam)")
        )
        parser.add_argument(
            "--from",
            dest="period_from",
            metavar="YYYY-MM-DD",
            help=_("đầu kỳ: thêm số kết nạp và thành lập trong kỳ [from, as-of]"),
        )
        parser.add_argument("--json", action="store_true", help=_("in JSON"))

    def handle(self, *args, **options):
        day = parse_day(options["as_of"], "--as-of") or today()
        start = parse_day(options["period_from"], "--from")
        if start is not None and start > day:
            raise CommandError(_("--from phải trước hoặc bằng --as-of."))
        organization = organization_or_root(options["org"])
        data = statistics(organization, day, period_from=start)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary(data)))
