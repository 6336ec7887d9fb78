"""`dangvu remind [--date YYYY-MM-DD]`: the daily job. Records a notification for each user and each item due
in their scope on the date (development.deadlines); running it again the same day adds nothing."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangvu.core.context import acting
from dangvu.core.dates import format_vn_date, today
from dangvu.core.numbers import format_int
from dangvu.development.services import record_reminders
from dangvu.figures.management.commands.stats import parse_day


class Command(BaseCommand):
    help = _("Ghi nhắc việc phát triển đảng viên đến hạn, quá hạn (chạy hằng ngày).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", metavar="YYYY-MM-DD", help=_("ngày xét; mặc định là hôm nay (giờ Việt Nam)")
        )

    def handle(self, *args, **options):
        day = parse_day(options["date"], "--date") or today()
        with acting(None, source="command"):
            created = record_reminders(day)
        self.stdout.write(
            _("Ngày %(day)s: ghi %(n)s nhắc việc mới.")
            % {"day": format_vn_date(day), "n": format_int(created)}
        )
