"""`points`: emulation points and rating scores as written in Vietnamese (8,5; 40)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def points(value) -> str:
    if value in (None, ""):
        return "—"
    number = Decimal(str(value))
    text = f"{number.normalize():f}" if number == number.to_integral() else f"{number}"
    return text.replace(".", ",")
