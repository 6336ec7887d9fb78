"""Calendar helpers: Vietnam's local date, month arithmetic and whole ages."""

import datetime
import zoneinfo

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> datetime.date:
    """Today in Vietnam, whatever the server's time zone."""
    return datetime.datetime.now(VIETNAM).date()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 29-31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def whole_months_between(start: datetime.date, end: datetime.date) -> int:
    """Completed months from start to end (a full 18 years = 216 months on the birthday)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    # The same months later falls on start's day, or on the month's last day when it is shorter: not after
    # end when end's day is start's day or later.
    if end.day < start.day and add_months(start, months) > end:
        months -= 1
    return months


def age_on(birth: datetime.date, on: datetime.date) -> int:
    """Whole years since the date of birth (counting.md)."""
    return whole_months_between(birth, on) // 12


def parse_vn_date(text: str) -> datetime.date:
    """'31/03/2024', '31/3/2024' or ISO '2024-03-31'."""
    text = text.strip()
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


def format_vn_date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
