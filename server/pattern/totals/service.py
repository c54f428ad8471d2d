"""Each calendar month of a person's counted transactions (as pattern.insights counts
them), totalled by day, category, subcategory and currency: stored, so that a budget,
a year of cash flow or the monthly insights read a few rows instead of every transaction
(docs/adr/0021-stored-month-totals.md).

Every change to what is counted marks the months it touched (`days_changed`, called by
pattern.users.data_version) with the person's new data version; a read recomputes the
months it needs that are missing or older than their mark, in one query, and stores them.
The version a month was computed at is read before computing it, so a change committed
meanwhile leaves a mark newer than it: that month is recomputed on the next read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.totals import repository
from pattern.totals.entries import DayTotal, Entry, decode, encode

# Every day changed: a rule run over the history, an item removed.
EVERY_DAY: Literal["every day"] = "every day"
Days = Iterable[date] | Literal["every day"]
CENT = Decimal("0.01")


def label(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_between(start: date, end: date) -> list[date]:
    """The first day of each calendar month from `start`'s to `end`'s."""
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _last_day(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _runs(firsts: list[date]) -> list[tuple[date, date]]:
    """Consecutive months as one date range each."""
    runs: list[tuple[date, date]] = []
    for first in sorted(firsts):
        if runs and runs[-1][1] + timedelta(days=1) == first:
            runs[-1] = (runs[-1][0], _last_day(first))
        else:
            runs.append((first, _last_day(first)))
    return runs


async def days_changed(session: AsyncSession, user_id: int, days: Days) -> None:
    """Mark the months of `days` changed; after the user's data version was bumped in the
    same database transaction (pattern.users.data_version does both)."""
    if days == EVERY_DAY:
        await repository.mark(session, user_id, [repository.EVERY_MONTH])
    else:
        await repository.mark(session, user_id, {label(day) for day in days})


async def days_between(
    session: AsyncSession, user_id: int, start: date, end: date
) -> list[DayTotal]:
    """The person's day totals from `start` to `end`, both included."""
    firsts = _months_between(start, end)
    labels = {label(first): first for first in firsts}
    version = await repository.data_version(session, user_id)  # before what it stamps
    changes = await repository.changes(session, user_id, labels)
    everything = changes.get(repository.EVERY_MONTH, -1)
    found: dict[str, list[DayTotal]] = {}
    for month, computed, blob in await repository.stored(session, user_id, labels):
        if computed >= max(everything, changes.get(month, -1)):
            found[month] = decode(blob, labels[month].year, labels[month].month)
    stale = [first for month, first in labels.items() if month not in found]
    if stale:
        found.update(await _compute(session, user_id, stale, version))
    return [total for month in labels for total in found[month] if start <= total.date <= end]


async def _compute(
    session: AsyncSession, user_id: int, firsts: list[date], version: int
) -> dict[str, list[DayTotal]]:
    """Compute and store the months starting on `firsts`."""
    months: dict[str, list[DayTotal]] = {label(first): [] for first in firsts}
    for row in await repository.computed(session, user_id, _runs(firsts)):
        day, category, subcategory, currency, spent, spent_count, income, income_count = row
        months[label(day)].append(
            DayTotal(
                day,
                category,
                subcategory,
                currency,
                _money(spent),
                spent_count,
                _money(income),
                income_count,
            )  # fmt: skip
        )
    for month, totals in months.items():
        entries = [Entry(total.date.day, *total[1:]) for total in totals]
        await repository.store(session, user_id, month, version, encode(entries))
    return months


def _money(value: object) -> Decimal:
    """A sum as the database gives it (SQLite's may be a float) to the cent."""
    return Decimal(str(value or 0)).quantize(CENT)
