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

from collections.abc import Callable, Collection, Iterable
from datetime import date, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.totals import repository
from pattern.totals.entries import Entry, MonthEntries, decode, encode, to_cents

# The months a sync pass counts again when it changed rows: as many as the insights read
# (24), and the month before for a budget month that starts in it.
RECENT_MONTHS = 25
# Every day changed: a rule run over the history, an item removed.
EVERY_DAY: Literal["every day"] = "every day"
Days = Iterable[date] | Literal["every day"]


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


async def months_between(
    session: AsyncSession, user_id: int, start: date, end: date
) -> list[MonthEntries]:
    """The person's day totals from `start` to `end` (both included), by calendar month."""
    firsts = _months_between(start, end)
    labels = {label(first): first for first in firsts}
    version = await repository.data_version(session, user_id)  # before what it stamps
    changed = await _changes(session, user_id, labels)
    found: dict[str, list[Entry]] = {}
    for month, computed, blob in await repository.stored(session, user_id, labels):
        entries = decode(blob) if computed >= changed(month) else None
        if entries is not None:
            found[month] = entries
    stale = [first for month, first in labels.items() if month not in found]
    if stale:
        found.update(await _compute(session, user_id, stale, version))
    return [_within(first, found[month], start, end) for month, first in labels.items()]


async def refresh_recent(session: AsyncSession, user_id: int, today: date) -> int:
    """Count again the months among the last RECENT_MONTHS that changed since stored;
    returns how many. A sync pass's last step, so that the reads its news brings find
    them stored (and several of them never count the same month at once)."""
    index = today.year * 12 + today.month - RECENT_MONTHS
    labels = {
        label(first): first
        for first in _months_between(date(index // 12, index % 12 + 1, 1), today)
    }
    version = await repository.data_version(session, user_id)  # before what it stamps
    changed = await _changes(session, user_id, labels)
    stored = await repository.computed_versions(session, user_id, labels)
    stale = [first for month, first in labels.items() if stored.get(month, -1) < changed(month)]
    if stale:
        await _compute(session, user_id, stale, version)
    return len(stale)


async def _changes(
    session: AsyncSession, user_id: int, labels: Collection[str]
) -> Callable[[str], int]:
    """The version of the latest change to a month (-1: none): a month stored from an
    older version is counted again."""
    changes = await repository.changes(session, user_id, labels)
    everything = changes.get(repository.EVERY_MONTH, -1)
    return lambda month: max(everything, changes.get(month, -1))


def _within(first: date, entries: list[Entry], start: date, end: date) -> MonthEntries:
    low = start.day if (first.year, first.month) == (start.year, start.month) else 1
    high = end.day if (first.year, first.month) == (end.year, end.month) else 31
    if low > 1 or high < 31:
        entries = [entry for entry in entries if low <= entry.day <= high]
    return MonthEntries(first, entries)


async def _compute(
    session: AsyncSession, user_id: int, firsts: list[date], version: int
) -> dict[str, list[Entry]]:
    """Compute and store the months starting on `firsts`."""
    months: dict[str, list[Entry]] = {label(first): [] for first in firsts}
    for row in await repository.computed(session, user_id, _runs(firsts)):
        day, category, subcategory, currency, spent, spent_count, income, income_count = row
        months[label(day)].append(
            Entry(
                day.day,
                category,
                subcategory,
                currency,
                to_cents(spent),
                spent_count,
                to_cents(income),
                income_count,
            )  # fmt: skip
        )
    for month, entries in months.items():
        await repository.store(session, user_id, month, version, encode(entries))
    return months
