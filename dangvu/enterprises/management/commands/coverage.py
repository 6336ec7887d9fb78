"""`dangvu coverage [--zone CODE] [--as-of YYYY-MM-DD] [--json]`: the coverage of the enterprises by the
trade unions, the Youth Union and the Party on a date, exactly `figures.coverage.coverage()`.

The JSON output is read by our own checks: its keys are those of `coverage()` and nothing is printed
around it."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date, today
from dangvu.core.numbers import format_int, format_percent
from dangvu.enterprises.choices import EnterpriseStatus
from dangvu.enterprises.models import Zone
from dangvu.figures.coverage import as_json, coverage
from dangvu.figures.management.commands.stats import parse_day


def decimal_vn(value) -> str:
    """A rate such as 12.5 written the Vietnamese way (12,5); a dash without a base."""
    return "—" if value is None else str(value).replace(".", ",")


def summary(data: dict) -> list[str]:
    """The figures as readable Vietnamese lines (numbers as 1.062, rates as 95,2%)."""
    day = datetime.date.fromisoformat(data["as_of"])
    n = format_int
    unions, youth, party = data["unions"], data["youth_union"], data["party"]
    statuses = data["enterprises"]["by_status"]
    scope = data["zone_name"] or _("Toàn Khu kinh tế")
    lines = [
        _("%(scope)s, ngày %(day)s") % {"scope": scope, "day": format_vn_date(day)},
        _("Doanh nghiệp: %(total)s (%(detail)s)")
        % {
            "total": n(data["enterprises"]["total"]),
            "detail": "; ".join(f"{s.label.lower()} {n(statuses[s.value])}" for s in EnterpriseStatus),
        },
        _("Người lao động: %(workers)s (nữ %(women)s, thanh niên %(young)s)")
        % {
            "workers": n(data["workers"]["total"]),
            "women": n(data["workers"]["women"]),
            "young": n(data["workers"]["young_workers"]),
        },
        _(
            "Công đoàn: %(with)s doanh nghiệp có công đoàn; %(eligible_with)s/%(eligible)s doanh nghiệp đủ "
            "điều kiện (%(percent)s; theo cấu hình: hoạt động ổn định, từ %(min)s lao động)"
        )
        % {
            "with": n(unions["enterprises_with_union"]),
            "eligible_with": n(unions["eligible_with_union"]),
            "eligible": n(unions["eligible"]),
            "percent": format_percent(unions["percent_of_eligible"]),
            "min": n(data["rule"]["min_workers"]),
        },
        _(
            "  %(orgs)s công đoàn cơ sở, %(members)s đoàn viên; doanh nghiệp có công đoàn: %(workers)s lao "
            "động, %(in_enterprises)s đoàn viên"
        )
        % {
            "orgs": n(unions["organizations"]),
            "members": n(unions["members"]),
            "workers": n(unions["workers_in_enterprises_with_union"]),
            "in_enterprises": n(unions["members_in_enterprises"]),
        },
        _(
            "Đoàn Thanh niên: %(orgs)s tổ chức, %(members)s đoàn viên; %(enterprises)s doanh nghiệp có tổ chức Đoàn"
        )
        % {
            "orgs": n(youth["organizations"]),
            "members": n(youth["members"]),
            "enterprises": n(youth["enterprises_with_youth_union"]),
        },
        _(
            "Tổ chức đảng: %(with)s/%(operating)s doanh nghiệp hoạt động ổn định (%(percent)s); %(orgs)s tổ "
            "chức đảng phụ trách, %(members)s đảng viên (%(density)s trên 1.000 lao động)"
        )
        % {
            "with": n(party["operating_with_party"]),
            "operating": n(party["operating"]),
            "percent": format_percent(party["percent_of_operating"]),
            "orgs": n(party["organizations"]),
            "members": n(party["members"]),
            "density": decimal_vn(party["members_per_1000_workers"]),
        },
    ]
    if data["zone_organizations"]:
        lines.append(
            _("Tổ chức chính trị – xã hội của Khu: %(names)s")
            % {"names": "; ".join(o["name"] for o in data["zone_organizations"])}
        )
    targets = data["union_without_party"]
    lines.append(_("Doanh nghiệp có công đoàn, chưa có tổ chức đảng: %(n)s") % {"n": n(len(targets))})
    for row in targets:
        candidates = (
            "" if row["candidates"] is None else _(", %(n)s quần chúng ưu tú") % {"n": n(row["candidates"])}
        )
        lines.append(
            _("  %(name)s: %(workers)s lao động, %(members)s đảng viên%(candidates)s")
            % {
                "name": row["name"],
                "workers": n(row["workers"]),
                "members": n(row["party_members"]),
                "candidates": candidates,
            }
        )
    return lines


class Command(BaseCommand):
    help = _("Độ bao phủ của công đoàn, Đoàn Thanh niên và tổ chức đảng trong doanh nghiệp vào một ngày.")

    def add_arguments(self, parser):
        parser.add_argument("--zone", metavar="CODE", help=_("mã khu; mặc định là toàn bộ doanh nghiệp"))
        parser.add_argument(
            "--as-of", metavar="YYYY-MM-DD", help=_("ngày tính số liệu; mặc định là hôm nay (giờ Việt Nam)")
        )
        parser.add_argument("--json", action="store_true", help=_("in JSON"))

    def handle(self, *args, **options):
        day = parse_day(options["as_of"], "--as-of") or today()
        zone = None
        if options["zone"]:
            zone = Zone.objects.filter(code=options["zone"].strip().upper()).first()
            if zone is None:
                raise CommandError(_("Không có khu mã “%(code)s”.") % {"code": options["zone"]})
        data = coverage(day, zone=zone)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(data), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(summary(data)))
