"""`dangvu members [--org CODE] [--as-of DATE] [--search TEXT] [--json]`: the members of an organization (with
everything under it) on a date, in Vietnamese order (given name, middle name, family name).

Members of X on D come from `figures.counting.members_on`, and where each belongs and how (full or
probationary) from `figures.counting.standing_on`: the same definitions as the pages, the API and the
statistics."""

import datetime
import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date, today
from dangvu.core.numbers import format_int
from dangvu.core.search import member_search_q
from dangvu.figures.counting import Scope, members_on, standing_on
from dangvu.figures.management.commands.stats import organization_or_root, parse_day
from dangvu.members.choices import Gender, MemberStatus
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History


def member_rows(
    org: Organization, day, search: str | None = None, history: History | None = None
) -> list[dict]:
    """One dict per member of `org` on `day` matching `search`, in Vietnamese order."""
    members = members_on(Scope(day, org.pk, history or History.load()))
    if search:
        members = members.filter(member_search_q(search))
    members = list(members.order_by("sort_key", "id"))
    standing = standing_on([m.pk for m in members], day)
    codes = dict(
        Organization.objects.filter(pk__in={s.organization_id for s in standing.values()}).values_list(
            "pk", "code"
        )
    )
    rows = []
    for member in members:
        place = standing[member.pk]
        rows.append(
            {
                "id": member.pk,
                "full_name": member.full_name,
                "national_id": member.national_id,
                "organization": codes[place.organization_id],
                "gender": member.gender,
                "birth_date": member.birth_date.isoformat(),
                "admitted_on": place.admitted_on.isoformat(),
                "recognized_on": place.recognized_on.isoformat() if place.recognized_on else None,
                "status": place.status,
            }
        )
    return rows


def table(rows: list[dict]) -> list[str]:
    """A plain text table with Vietnamese headers, dates dd/mm/yyyy."""
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Giới tính"),
        _("Ngày sinh"),
        _("Số CCCD"),
        _("Tổ chức"),
        _("Ngày vào Đảng"),
        _("Loại đảng viên"),
    ]
    body = [
        [
            str(index),
            row["full_name"],
            str(Gender(row["gender"]).label),
            format_vn_date(datetime.date.fromisoformat(row["birth_date"])),
            row["national_id"],
            row["organization"],
            format_vn_date(datetime.date.fromisoformat(row["admitted_on"])),
            str(MemberStatus(row["status"]).label),
        ]
        for index, row in enumerate(rows, start=1)
    ]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *body, strict=False)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [headers, *body]
    ]


class Command(BaseCommand):
    help = _("Danh sách đảng viên của một tổ chức (với mọi tổ chức trực thuộc) vào một ngày.")

    def add_arguments(self, parser):
        parser.add_argument("--org", metavar="CODE", help=_("mã tổ chức; mặc định là Đảng bộ (gốc của cây)"))
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help=_("ngày xem; mặc định là hôm nay"))
        parser.add_argument(
            "--search", metavar="TEXT", help=_("tìm theo họ tên, không phân biệt hoa thường và dấu")
        )
        parser.add_argument("--json", action="store_true", help=_("in JSON"))

    def handle(self, *args, **options):
        day = parse_day(options["as_of"], "--as-of") or today()
        organization = organization_or_root(options["org"])
        history = History.load()
        rows = member_rows(organization, day, options["search"], history)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        name = (history.state_on(organization.pk, day) or organization).name
        lines = [
            _("%(name)s (%(code)s), ngày %(day)s")
            % {"name": name, "code": organization.code, "day": format_vn_date(day)},
            *table(rows),
            _("Tổng số: %(n)s đảng viên") % {"n": format_int(len(rows))},
        ]
        self.stdout.write("\n".join(lines))
