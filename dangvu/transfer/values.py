"""Reading one cell the way office files hold it.

Dates come as Excel dates, as Excel's day numbers (a date typed into a cell formatted as a number), or as
text d/m/yyyy or dd/mm/yyyy (also with - or . between the parts, or ISO yyyy-mm-dd). National ID numbers
come as text or as numbers from which Excel dropped the leading zeros. Text is NFC-normalized with its white
space collapsed. A value that cannot be read raises `CellError` with what to type instead, in Vietnamese.
"""

import datetime
import functools
import re

from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date
from dangvu.core.text import normalize

from .columns import DATE, LOOKUP, WORDS, word_key

EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_SHORTEST_ID = 10  # a 12-digit number can lose at most two leading zeros (province codes start at 001)


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_empty(value) -> bool:
    if value is None or value == "":
        return True
    return type(value) is str and not value.strip()


def shown(value) -> str:
    """A cell's value as the problem report repeats it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return format_vn_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def shown_cell(sheet, key: str, value) -> str:
    """As `shown`, and a date typed as Excel's day number with the date it stands for: "42323 (15/11/2015)"."""
    text_value = shown(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and key:
        column = next((c for c in sheet.columns if c.key == key), None)
        if column is not None and column.kind == DATE:
            try:
                return f"{text_value} ({format_vn_date(date(value))})"
            except CellError:
                return text_value
    return text_value


def text(value) -> str:
    """Any cell as normalized text; a whole number typed as a number loses its '.0'."""
    if type(value) is str:  # most cells: white space alone normalizes to ""
        return normalize(value)
    if is_empty(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime | datetime.date):
        value = shown(value)
    return normalize(str(value))


def date(value) -> datetime.date | None:
    if is_empty(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel's day number: 1 is 01/01/1900; 2958465 is 31/12/9999.
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise CellError(
            _("Số %(v)s không phải một ngày: nhập ngày theo dạng dd/mm/yyyy.") % {"v": shown(value)}
        )
    typed = normalize(str(value))
    try:
        match = _DATE_TEXT.match(typed)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return _plausible(datetime.date(year, month, day))
        match = _ISO_DATE.match(typed)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return _plausible(datetime.date(year, month, day))
    except ValueError:
        raise CellError(
            _("Ngày “%(v)s” không có trên lịch: kiểm tra ngày và tháng (dd/mm/yyyy).") % {"v": typed}
        ) from None
    raise CellError(
        _("“%(v)s” không đọc được là ngày: nhập theo dạng dd/mm/yyyy, ví dụ 04/05/2015.") % {"v": typed}
    )


def _plausible(day: datetime.date) -> datetime.date:
    if day.year < 1900:
        raise CellError(_("Năm %(y)s không hợp lý: nhập năm đủ bốn chữ số.") % {"y": day.year})
    return day


def national_id(value) -> str:
    """Twelve digits; a number that lost its leading zeros in Excel gets them back."""
    if is_empty(value):
        raise CellError(_("Nhập số CCCD (12 chữ số)."))
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("Số CCCD “%(v)s” không hợp lệ: phải gồm 12 chữ số.") % {"v": value})
        value = int(value)
    digits = normalize(str(value)).lstrip("'").replace(" ", "").replace(".", "")
    if not digits.isdigit() or len(digits) > 12:
        raise CellError(_("Số CCCD “%(v)s” không hợp lệ: phải gồm 12 chữ số.") % {"v": shown(value)})
    if len(digits) < _SHORTEST_ID:
        raise CellError(
            _(
                "Số CCCD “%(v)s” chỉ có %(n)s chữ số: số CCCD gồm 12 chữ số (Excel chỉ làm mất tối đa hai số 0 ở đầu)."
            )
            % {"v": digits, "n": len(digits)}
        )
    return digits.zfill(12)


def choice(value, vocabulary: str):
    """One of the vocabulary's values, from its word in any case, with or without marks."""
    found = _lookup(vocabulary, value) if type(value) is str else _MISSING
    if found is _MISSING:
        found = LOOKUP[vocabulary].get(word_key(text(value)), _MISSING)
    if found is _MISSING:
        raise CellError(
            _("“%(v)s” không phải giá trị được dùng: chọn một trong %(words)s.")
            % {"v": shown(value), "words": ", ".join(WORDS[vocabulary].values())}
        )
    return found


_MISSING = object()


@functools.lru_cache(maxsize=4096)
def _lookup(vocabulary: str, value: str):
    """`choice` for text: a column holds a handful of words, 200,000 times over."""
    return LOOKUP[vocabulary].get(word_key(text(value)), _MISSING)
