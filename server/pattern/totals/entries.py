"""A month's totals as stored: one entry per day, category, subcategory and currency,
encoded compactly (msgspec, arrays rather than objects, money in cents) into
month_totals.entries. Cents, not decimals: a year of entries decodes and adds up in a few
milliseconds (a budget reads thirteen months of them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import msgspec


class Entry(msgspec.Struct, array_like=True, frozen=True, gc=False):
    day: int  # of the month
    category: str | None
    subcategory: str | None
    currency: str
    spent: int  # money out, in cents: the sum of the positive amounts
    spent_count: int
    income: int  # money in, in cents: the sum of -amount over the negative ones
    income_count: int


@dataclass(frozen=True)
class MonthEntries:
    first_day: date  # of the calendar month
    entries: list[Entry]


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(list[Entry])


def encode(entries: list[Entry]) -> bytes:
    return _encoder.encode(entries)


def decode(blob: bytes) -> list[Entry] | None:
    """The entries; None if stored in another shape (by an older Pattern): counted again."""
    try:
        return _decoder.decode(blob)
    except msgspec.DecodeError:  # ValidationError included
        return None


def to_cents(amount: object) -> int:
    """A sum as the database gives it (SQLite's may be a float), in whole cents."""
    return int((Decimal(str(amount or 0)) * 100).to_integral_value())


def from_cents(amount: int) -> Decimal:
    """Cents as an amount of two decimal places."""
    return Decimal(amount).scaleb(-2)
