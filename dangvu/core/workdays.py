"""Working days (rules.md): every day except Saturdays, Sundays and the public holidays of the calendar that
the administrator keeps (`dangvu.development.models.Holiday`, Tết and the national holidays with their
compensatory days off, loaded for 2018–2026 by a migration).

"Within N working days of D" means on or before `add_working_days(D, N)`: the N-th working day after D
(D itself is not counted). Saturdays worked in exchange for a bridge day off (làm bù) are not modelled: such
a deadline falls at most one working day later than by the official calendar.
"""

import datetime
from collections.abc import Iterable

ONE_DAY = datetime.timedelta(days=1)


class WorkCalendar:
    """A set of holidays; load it once with `load()` to compute many deadlines."""

    def __init__(self, holidays: Iterable[datetime.date] = ()):
        self.holidays = frozenset(holidays)

    @classmethod
    def load(cls) -> "WorkCalendar":
        from dangvu.development.models import Holiday

        return cls(Holiday.objects.values_list("date", flat=True))

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `start` (before it when n is negative); `start` itself for n = 0."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day = start
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def add_working_days(start: datetime.date, n: int, calendar: WorkCalendar | None = None) -> datetime.date:
    """The n-th working day after `start`, by the holiday calendar in the database unless one is given."""
    return (calendar or WorkCalendar.load()).add(start, n)


def working_days_between(
    start: datetime.date, end: datetime.date, calendar: WorkCalendar | None = None
) -> int:
    return (calendar or WorkCalendar.load()).between(start, end)
