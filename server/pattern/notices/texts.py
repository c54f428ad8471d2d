"""What each notice says, in words a person reads at a glance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

SYMBOLS = {"USD": "$", "CAD": "CA$", "EUR": "€", "GBP": "£"}
FREQUENCY_WORDS = {
    "WEEKLY": "a week",
    "BIWEEKLY": "every two weeks",
    "SEMI_MONTHLY": "twice a month",
    "MONTHLY": "a month",
    "ANNUALLY": "a year",
}


def money(amount: Decimal, currency: str | None) -> str:
    figure = f"{abs(amount):,.2f}"
    symbol = SYMBOLS.get(currency or "USD")
    return f"{symbol}{figure}" if symbol else f"{figure} {currency}"


def day(when: date) -> str:
    return f"{when:%b} {when.day}"


def in_days(when: date, today: date) -> str:
    days = (when - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days, on {day(when)}"


def new_subscription(name: str, amount: str, frequency: str, since: date) -> tuple[str, str]:
    often = FREQUENCY_WORDS.get(frequency, frequency.lower())
    return f"New subscription: {name}", f"{amount} {often}, since {day(since)}."


def price_rise(name: str, old: str, new: str, on: date) -> tuple[str, str]:
    return f"Price rise: {name}", f"Now {new}, up from {old} (charged {day(on)})."


def bill_due(name: str, amount: str, due: date, today: date) -> tuple[str, str]:
    return f"Due soon: {name}", f"{amount} due {in_days(due, today)}."
