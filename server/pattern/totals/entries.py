"""A month's totals as stored: one entry per day, category, subcategory and currency,
encoded compactly (msgspec, arrays rather than objects, money in cents) into
month_totals.entries. Cents, not decimals: a year of entries decodes and adds up in a few
milliseconds (a budget reads thirteen months of them)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
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


# (before the split day, category, subcategory) -> [cents spent, cents received]
Sums = dict[tuple[bool, str | None, str | None], list[int]]


@dataclass(frozen=True)
class MonthEntries:
    first_day: date  # of the calendar month
    entries: list[Entry]
    # Sums already added up, by split day and currency: a stored month is kept whole and
    # read again (pattern.totals.service), and never changes.
    _sums: dict[tuple[int, str | None], Sums] = field(
        default_factory=dict, compare=False, repr=False
    )

    def sums(self, split_day: int, currency: str | None) -> Sums:
        """Spent and received by category and subcategory, in `currency` (None: every
        one), the days before `split_day` apart from the others."""
        key = (split_day, currency)
        found = self._sums.get(key)
        if found is None:
            found = defaultdict(lambda: [0, 0])
            for entry in self.entries:
                if currency is None or entry.currency == currency:
                    sums = found[entry.day < split_day, entry.category, entry.subcategory]
                    sums[0] += entry.spent
                    sums[1] += entry.income
            found = self._sums[key] = dict(found)
        return found


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
