"""Each calendar month of a person's counted transactions (as pattern.insights counts
them), totalled by day, category, subcategory and currency: stored, so that a budget,
a year of cash flow or the monthly insights read a few rows instead of every transaction
(docs/adr/0021-stored-month-totals.md).

Every change to what is counted marks the days it touched (`days_changed`, called by
pattern.users.data_version) with the person's new data version; a read counts again the
days of its months marked since they were stored (or a whole month, when missing or
stored before a change to every day), in one query, and stores them. The version a month
is stored at was read before counting, so a change committed meanwhile leaves a mark
newer than it: those days are counted again on the next read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal
from weakref import WeakKeyDictionary

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.cache import LruCache
from pattern.kit.db import Shown
from pattern.totals import repository
from pattern.totals.entries import Entry, MonthEntries, decode, encode, to_cents

# The months a sync pass counts again when it changed rows: as many as the insights read
# (24), and the month before for a budget month that starts in it.
RECENT_MONTHS = 25
# More days changed at once than this count as every day.
MAX_MARKED_DAYS = 62
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


def _runs(firsts: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive months as one date range each."""
    runs: list[tuple[date, date]] = []
    for first in sorted(firsts):
        if runs and runs[-1][1] + timedelta(days=1) == first:
            runs[-1] = (runs[-1][0], _last_day(first))
        else:
            runs.append((first, _last_day(first)))
    return runs


async def days_changed(session: AsyncSession, user_id: int, days: Days) -> None:
    """Mark `days` changed; after the user's data version was bumped in the same database
    transaction (pattern.users.data_version does both), whose lock on the user's row this
    keeps short: more than MAX_MARKED_DAYS days (a page of a bank's history) mark every
    day, in one row."""
    marked = set() if days == EVERY_DAY else set(days)
    if days == EVERY_DAY or len(marked) > MAX_MARKED_DAYS:
        await repository.mark_every_day(session, user_id)
    else:
        await repository.mark_days(session, user_id, marked)


async def months_between(
    session: AsyncSession, user_id: int, start: date, end: date, shown: Shown = None
) -> list[MonthEntries]:
    """The person's day totals from `start` to `end` (both included), by calendar month;
    of the `shown` accounts only, when it says which (pattern.households)."""
    firsts = _months_between(start, end)
    if shown is None:
        found, _ = await _up_to_date(session, user_id, firsts)
    else:
        found = await _shared_months(session, user_id, firsts, shown)
    return [_within(found[label(first)], start, end) for first in firsts]


async def _shared_months(
    session: AsyncSession, user_id: int, firsts: Sequence[date], shown: frozenset[int]
) -> dict[str, MonthEntries]:
    """What a member of a share reads: counted from the shared accounts alone, each time
    (the stored months are of every account; the figures made of these are cached by the
    request's view, pattern.kit.cache.UserCache)."""
    months: dict[str, list[Entry]] = {label(first): [] for first in firsts}
    for row in await repository.computed(session, user_id, _runs(firsts), (), shown):
        months[label(row[0])].append(_entry(row))
    return {label(first): MonthEntries(first, months[label(first)]) for first in firsts}


async def refresh_recent(session: AsyncSession, user_id: int, today: date) -> int:
    """Count again what changed in the stored months among the last RECENT_MONTHS; returns
    how many months it counted in. A sync pass's last step, so that the reads its news
    brings find them stored (and several of them never count the same days at once). A
    month never read is left to its first read: a first sync counts nothing here."""
    index = today.year * 12 + today.month - RECENT_MONTHS
    first = date(index // 12, index % 12 + 1, 1)
    months = _months_between(first, today)
    _, counted = await _up_to_date(session, user_id, months, missing=False)
    return counted


@dataclass
class _Recount:
    """What a read counts again: whole months (by first day), and changed days of others
    with the entries of their other days."""

    whole: list[date] = field(default_factory=list)
    days: dict[str, set[int]] = field(default_factory=dict)
    kept: dict[str, list[Entry]] = field(default_factory=dict)

    def dates(self) -> list[date]:
        return [
            date(int(month[:4]), int(month[5:]), day)
            for month, days in self.days.items()
            for day in days
        ]


async def _up_to_date(
    session: AsyncSession, user_id: int, firsts: Sequence[date], *, missing: bool = True
) -> tuple[dict[str, MonthEntries], int]:
    """The entries of the months starting on `firsts`, by label: as stored where nothing
    changed since, counted again (and stored) where something did; and how many were.
    `missing` False: months never stored are left out."""
    if not firsts:
        return {}, 0
    version, reset = await repository.versions(session, user_id)  # before what it stamps
    stored = await _stored(session, user_id, [label(first) for first in firsts], reset)
    marks = await repository.changed_days(session, user_id, firsts[0], _last_day(firsts[-1]))
    changed: dict[str, dict[int, int]] = defaultdict(dict)
    for day, at in marks:
        changed[label(day)][day.day] = at
    found: dict[str, MonthEntries] = {}
    recount = _Recount()
    for first in firsts:
        month = label(first)
        if month not in stored and not missing:
            continue
        computed, entries = stored.get(month, (-1, None))
        days = {day for day, at in changed[month].items() if at > computed}
        if entries is None:
            recount.whole.append(first)
        elif days:
            recount.days[month] = days
            recount.kept[month] = [entry for entry in entries.entries if entry.day not in days]
        else:
            found[month] = entries
    if recount.whole or recount.days:
        found.update(await _count(session, user_id, recount, version))
    return found, len(recount.whole) + len(recount.days)


async def _count(
    session: AsyncSession, user_id: int, recount: _Recount, version: int
) -> dict[str, MonthEntries]:
    """Count the whole months and the changed days, in one query, and store the months."""
    decoded = _decoded(session)
    months: dict[str, list[Entry]] = {label(first): [] for first in recount.whole}
    months.update(recount.kept)
    rows = await repository.computed(session, user_id, _runs(recount.whole), recount.dates())
    for row in rows:
        months[label(row[0])].append(_entry(row))
    counted = {}
    for month, entries in months.items():
        await repository.store(session, user_id, month, version, encode(entries))
        counted[month] = _kept(decoded, (user_id, month, version), entries)
    return counted


def _entry(row: repository.ComputedRow) -> Entry:
    day, category, subcategory, currency, spent, spent_count, income, income_count = row
    return Entry(
        day.day,
        category,
        subcategory,
        currency,
        to_cents(spent),
        spent_count,
        to_cents(income),
        income_count,
    )  # fmt: skip


# Stored months decoded, by person, month and the version they were counted at: what is
# stored under a version never changes, so a process keeps the months it read last, and a
# read after a change to today fetches and decodes that month alone (a year of a busy
# person's months is a megabyte stored; a month of 100,000 transactions over three years,
# about 1,500 entries). One cache per database (its engine): tests run many in a process.
DECODED_MONTHS = 256
_decoded_by_database: WeakKeyDictionary[object, LruCache] = WeakKeyDictionary()


def _decoded(session: AsyncSession) -> LruCache:
    database = session.bind
    found = _decoded_by_database.get(database)
    if found is None:
        found = _decoded_by_database[database] = LruCache(DECODED_MONTHS)
    return found


async def _stored(
    session: AsyncSession, user_id: int, months: list[str], reset: int
) -> dict[str, tuple[int, MonthEntries | None]]:
    """(computed version, entries) of the stored months among `months`. The entries are
    None where they must be counted again whole: stored before a change to every day
    (`reset`), or in an older shape."""
    decoded = _decoded(session)
    found: dict[str, tuple[int, MonthEntries | None]] = {}
    fetch = []
    for month, computed in (await repository.stored_versions(session, user_id, months)).items():
        entries = decoded.get((user_id, month, computed))
        if computed < max(reset, 0):
            found[month] = (computed, None)
        elif entries is None:
            fetch.append(month)
        else:
            found[month] = (computed, entries)
    if fetch:
        for month, (computed, blob) in (await repository.stored(session, user_id, fetch)).items():
            entries = decode(blob) if computed >= max(reset, 0) else None
            kept = None if entries is None else _kept(decoded, (user_id, month, computed), entries)
            found[month] = (computed, kept)
    return found


def _kept(decoded: LruCache, key: tuple[int, str, int], entries: list[Entry]) -> MonthEntries:
    """A whole month, kept in this process under its person, label and version."""
    month = key[1]
    found = MonthEntries(date(int(month[:4]), int(month[5:]), 1), entries)
    decoded.put(key, found)
    return found


def _within(month: MonthEntries, start: date, end: date) -> MonthEntries:
    """The month's entries from `start` to `end`: the month itself when it is whole."""
    first = month.first_day
    low = start.day if (first.year, first.month) == (start.year, start.month) else 1
    high = end.day if (first.year, first.month) == (end.year, end.month) else 31
    if low > 1 or high < 31:
        return MonthEntries(first, [entry for entry in month.entries if low <= entry.day <= high])
    return month
