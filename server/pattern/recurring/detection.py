"""Recurring streams found in a person's stored transactions, in the shape of Plaid's.

Plaid's `/transactions/recurring/get` is an add-on; where an item lacks it, the same
streams are found here. A stream is one account's payments to (or from) one merchant on a
regular cadence: the rows are grouped by account, direction and merchant, and a group is a
stream when its dates keep one of Plaid's frequencies and its amounts stay near each other
(a utility bill varies; a purchase now and then at the same shop does not keep a cadence).
When a merchant also has one-off purchases, the rows of similar amounts are tried alone.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median


@dataclass(frozen=True)
class Row:
    """One posted transaction, as detection reads it (amounts signed as Plaid's)."""

    transaction_id: str
    account_id: int
    date: date
    amount: Decimal
    name: str
    merchant_name: str | None
    merchant_entity_id: str | None
    category: str | None
    subcategory: str | None
    # The description as the bank sent it, before a rule or the person renamed the row.
    original_name: str | None = None


@dataclass(frozen=True)
class Frequency:
    name: str
    days: float  # the typical gap between two payments
    low: int  # the shortest and longest gap still on this cadence
    high: int


FREQUENCIES = (
    Frequency("WEEKLY", 7, 6, 8),
    Frequency("BIWEEKLY", 14, 13, 15),
    Frequency("SEMI_MONTHLY", 15.2, 12, 19),
    Frequency("MONTHLY", 30.4, 26, 35),
    Frequency("ANNUALLY", 365, 350, 380),
)
_BY_NAME = {f.name: f for f in FREQUENCIES}

# At least this share of the gaps must keep the cadence, and of the amounts stay within
# AMOUNT_SPREAD of the median amount.
REGULAR_SHARE = 0.75
AMOUNT_SPREAD = Decimal("0.4")
# Payments that all keep the cadence make a stream whatever their amounts.
STRICT_PAYMENTS = 6
# A merchant's rows of one amount are tried alone when all of them are not a stream: Amazon
# Prime among Amazon orders.
CLUSTER_PAYMENTS = 4


@dataclass(frozen=True)
class Stream:
    stream_id: str
    account_id: int
    direction: str  # "inflow" or "outflow"
    description: str
    merchant_name: str | None
    category: str | None
    subcategory: str | None
    frequency: str
    first_date: date
    last_date: date
    predicted_next_date: date
    transaction_ids: list[str]
    average_amount: Decimal
    last_amount: Decimal
    is_active: bool
    status: str  # MATURE or TOMBSTONED, as Plaid says of a stream that ended


def detect_streams(rows: Iterable[Row], today: date) -> list[Stream]:
    """Every stream in the rows, the most recently paid first."""
    groups: dict[tuple[int, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.amount != 0:
            groups[(row.account_id, _direction(row.amount), _merchant_key(row))].append(row)
    streams = []
    for key, members in groups.items():
        members.sort(key=lambda r: (r.date, r.transaction_id))
        streams.extend(_streams_of(key, members, today))
    streams.sort(key=lambda s: (s.last_date, s.stream_id), reverse=True)
    return streams


def _streams_of(key: tuple[int, str, str], rows: list[Row], today: date) -> list[Stream]:
    whole = _stream(key, rows, today)
    if whole is not None:
        return [whole]
    # A subscription among one-off purchases at the same merchant: similar amounts alone.
    found = []
    for cluster in _amount_clusters(rows):
        stream = _stream((*key[:2], f"{key[2]}|{cluster[0].amount}"), cluster, today)
        if stream is not None:
            found.append(stream)
    return found


def _stream(key: tuple[int, str, str], rows: list[Row], today: date) -> Stream | None:
    rows = _one_a_day(rows)
    frequency = _frequency(rows)
    if frequency is None or not (_amounts_agree(rows) or _strict_cadence(frequency, rows)):
        return None
    last = rows[-1]
    predicted = next_date(frequency, [r.date for r in rows])
    is_active = not is_late(frequency.name, predicted, today)
    amounts = [r.amount for r in rows]
    return Stream(
        stream_id=_stream_id(key),
        account_id=key[0],
        direction=key[1],
        description=last.name,
        merchant_name=last.merchant_name,
        category=last.category,
        subcategory=last.subcategory,
        frequency=frequency.name,
        first_date=rows[0].date,
        last_date=last.date,
        predicted_next_date=predicted,
        transaction_ids=[r.transaction_id for r in rows],
        average_amount=(sum(amounts, Decimal(0)) / len(amounts)).quantize(Decimal("0.01")),
        last_amount=last.amount,
        is_active=is_active,
        status="MATURE" if is_active else "TOMBSTONED",
    )


def is_late(frequency: str, predicted: date, today: date) -> bool:
    """A stream ends once a payment is late by half a gap (at least five days)."""
    return today > predicted + timedelta(days=max(5, round(_BY_NAME[frequency].days / 2)))


def _frequency(rows: Sequence[Row]) -> Frequency | None:
    """The cadence most gaps keep: three payments at least (two a year apart for annual)."""
    gaps = [(b.date - a.date).days for a, b in zip(rows, rows[1:], strict=False)]
    if not gaps:
        return None
    typical = median(gaps)
    for frequency in FREQUENCIES:
        if not frequency.low <= typical <= frequency.high:
            continue
        if len(rows) < (2 if frequency.name == "ANNUALLY" else 3):
            return None
        kept = sum(frequency.low <= gap <= frequency.high for gap in gaps)
        if kept >= REGULAR_SHARE * len(gaps):
            return _semi_monthly_or_biweekly(frequency, gaps)
    return None


def _semi_monthly_or_biweekly(frequency: Frequency, gaps: list[int]) -> Frequency:
    """Every two weeks keeps 14 days; twice a month (the 1st and the 15th) alternates."""
    if frequency.name in ("BIWEEKLY", "SEMI_MONTHLY"):
        fortnights = sum(13 <= gap <= 15 for gap in gaps)
        return _BY_NAME["BIWEEKLY" if fortnights >= 0.9 * len(gaps) else "SEMI_MONTHLY"]
    return frequency


def _strict_cadence(frequency: Frequency, rows: Sequence[Row]) -> bool:
    """Six payments or more, every one on the cadence (or one period late: a skipped
    month): a bill whose amount follows the season, or interest, however much they vary."""
    gaps = [(b.date - a.date).days for a, b in zip(rows, rows[1:], strict=False)]
    low, high = frequency.low, frequency.high
    return len(rows) >= STRICT_PAYMENTS and all(
        low <= gap <= high or 2 * low <= gap <= 2 * high for gap in gaps
    )


def _amounts_agree(rows: Sequence[Row]) -> bool:
    middle = median(abs(r.amount) for r in rows)
    near = sum(abs(abs(r.amount) - middle) <= AMOUNT_SPREAD * middle for r in rows)
    return near >= REGULAR_SHARE * len(rows)


def _amount_clusters(rows: Sequence[Row]) -> list[list[Row]]:
    """Rows of one amount, as a subscription charges it: four rows or more, so that a few
    orders that happen to cost the same are not taken for one."""
    clusters: dict[Decimal, list[Row]] = defaultdict(list)
    for row in rows:
        clusters[row.amount].append(row)
    return [c for c in clusters.values() if len(c) >= CLUSTER_PAYMENTS]


def _one_a_day(rows: list[Row]) -> list[Row]:
    """Two rows on one day (a charge and its retry) count as one payment: the last."""
    by_day = {r.date: r for r in rows}
    return [by_day[day] for day in sorted(by_day)]


def next_date(frequency: Frequency, dates: Sequence[date]) -> date:
    """When the next payment is due: the same weekday, or the same days of the month."""
    last = dates[-1]
    if frequency.name == "MONTHLY":
        return add_months(last, 1, day=_usual_day([d.day for d in dates[-6:]]))
    if frequency.name == "ANNUALLY":
        return add_months(last, 12, day=last.day)
    if frequency.name == "SEMI_MONTHLY":
        # Payments alternate between two days of the month (the 1st and the 15th).
        recent = dates[-6:]
        days = sorted(
            {
                _usual_day([d.day for d in recent[-1::-2]]),
                _usual_day([d.day for d in recent[-2::-2]]),
            }
        )
        later = [d for d in days if d > last.day]
        return add_months(last, 0, day=later[0]) if later else add_months(last, 1, day=days[0])
    return last + timedelta(days=round(frequency.days))


def _usual_day(days: list[int]) -> int:
    """The day of the month most payments fell on (a weekend moves one a little)."""
    return max(set(days), key=lambda day: (days.count(day), day))


def add_months(start: date, months: int, *, day: int) -> date:
    """`day` of the month `months` after start's, or that month's last day if it is shorter."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day, calendar.monthrange(year, month + 1)[1]))


def _direction(amount: Decimal) -> str:
    return "outflow" if amount > 0 else "inflow"


_NOISE = re.compile(r"[^a-z]+")


def _merchant_key(row: Row) -> str:
    """The merchant as the bank and Plaid sent it: Plaid's merchant entity, else its merchant
    name, else the bank's description without numbers and signs. Never the names a rule or
    the person gave the rows, so that renaming them keeps the stream (and what the person
    said of it)."""
    if row.merchant_entity_id:
        return f"id:{row.merchant_entity_id}"
    if row.merchant_name:
        return f"m:{row.merchant_name.strip().lower()}"
    return "n:" + _NOISE.sub(" ", (row.original_name or row.name).lower()).strip()


def _stream_id(key: tuple[int, str, str]) -> str:
    """The same stream keeps its id from one detection to the next, whatever the rows are
    renamed (overrides are kept by it)."""
    return hashlib.sha256("|".join(map(str, key)).encode()).hexdigest()[:24]
