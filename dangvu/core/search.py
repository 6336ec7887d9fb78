"""The one text search of lists, the API and the command line: case- and mark-insensitive on SQLite and
PostgreSQL alike, against the stored `fold()`ed keys (`search_key`)."""

from django.db.models import Q

from .text import fold, normalize


def search_words(text: str | None) -> list[str]:
    """The folded words of a search: each must occur, in any order ("nguyen hang" finds "Nguyễn Thị Hằng")."""
    return fold(text).split()


def search_q(text: str | None, fields: tuple[str, ...] = ("search_key",)) -> Q:
    """Every word of the search in one of `fields` (stored folded)."""
    condition = Q()
    for word in search_words(text):
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return condition


def matches(text: str | None, *values: str) -> bool:
    """The same search on values in memory (an organization's name on a past date)."""
    haystack = " ".join(fold(value) for value in values)
    return all(word in haystack for word in search_words(text))


def member_search_q(text: str | None) -> Q:
    """Members: every word in the name, or the digits of the national ID or card number."""
    text = normalize(text)
    condition = search_q(text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) >= 3 and digits == text.replace(" ", "").replace(".", ""):
        condition |= Q(national_id__contains=digits) | Q(card_number__contains=digits)
    elif text:
        condition |= Q(card_number__iexact=text)
    return condition
