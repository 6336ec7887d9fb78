"""Vietnamese administrative style in templates: {% load vn %}

{{ member.birth_date|vn_date }}      31/03/2024
{{ event.voided_at|vn_datetime }}    31/03/2024 14:05 (Vietnam time)
{{ counts.total|vn_int }}            1.062
{{ share|vn_percent }}               50,5%
{{ part|vn_share:whole }}            50,5%   (part / whole × 100, one decimal, half-up)
"""

import datetime
import decimal

from django import template
from django.utils import timezone

from dangvu.core.dates import VIETNAM, format_vn_date
from dangvu.core.numbers import format_int, format_percent, percent

register = template.Library()


@register.filter
def vn_date(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value, VIETNAM) if timezone.is_aware(value) else value
        return format_vn_date(value.date())
    if isinstance(value, datetime.date):
        return format_vn_date(value)
    try:
        # ISO dates, as the figures' dictionaries carry them ("2024-03-31").
        return format_vn_date(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


@register.filter
def vn_datetime(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, VIETNAM)
        return value.strftime("%d/%m/%Y %H:%M")
    return vn_date(value)


@register.filter
def vn_int(value) -> str:
    if value in (None, ""):
        return ""
    try:
        return format_int(int(value))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def vn_percent(value) -> str:
    """A number of percent points (50.5 or Decimal('50.5')) as 50,5%; None as —."""
    if value in (None, ""):
        return format_percent(None)
    if not isinstance(value, decimal.Decimal):
        try:
            value = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            return str(value)
    return format_percent(value)


@register.filter
def vn_share(part, whole) -> str:
    """part / whole × 100 with one decimal, rounded half-up (core.numbers.percent)."""
    try:
        return format_percent(percent(int(part or 0), int(whole or 0)))
    except (TypeError, ValueError):
        return format_percent(None)
