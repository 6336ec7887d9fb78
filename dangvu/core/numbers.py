"""Numbers and percentages in Vietnamese style: 1.062, 50,5% (counting.md: targets)."""

from decimal import ROUND_HALF_UP, Decimal


def format_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def percent(numerator: int, denominator: int, places: int = 1) -> Decimal | None:
    """numerator / denominator × 100, rounded half-up to `places` decimals; None when there is no base."""
    if not denominator:
        return None
    quantum = Decimal(1).scaleb(-places) if places else Decimal(1)
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value}".replace(".", ",") + "%"
