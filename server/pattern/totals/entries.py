"""A month's totals as stored: one entry per day, category, subcategory and currency,
encoded compactly (msgspec, arrays rather than objects) into month_totals.entries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

import msgspec


class Entry(msgspec.Struct, array_like=True, frozen=True):
    day: int  # of the month
    category: str | None
    subcategory: str | None
    currency: str
    spent: Decimal  # money out: the sum of the positive amounts
    spent_count: int
    income: Decimal  # money in: the sum of -amount over the negative ones
    income_count: int


class DayTotal(NamedTuple):
    """An entry of a given day, as the readers of pattern.totals get it."""

    date: date
    category: str | None
    subcategory: str | None
    currency: str
    spent: Decimal
    spent_count: int
    income: Decimal
    income_count: int


_encoder = msgspec.json.Encoder(decimal_format="number")
_decoder = msgspec.json.Decoder(list[Entry])


def encode(entries: list[Entry]) -> bytes:
    return _encoder.encode(entries)


def decode(blob: bytes, year: int, month: int) -> list[DayTotal]:
    return [
        DayTotal(date(year, month, e.day), *msgspec.structs.astuple(e)[1:])
        for e in _decoder.decode(blob)
    ]
