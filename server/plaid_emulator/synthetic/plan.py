"""The planned part of a generated history: recurring streams and transfer pairs.

A real history is not all random purchases: pay comes in every other week, rent and bills
go out monthly, money moves to savings and pays the card. The plan puts such transactions
into slots of the base history (each base index has a fixed date), so an item keeps exactly
its number of transactions, and records which slots are which stream or transfer pair: the
ground truth that tests compare detection with. Like the rest of the generator it is a pure
function of (seed, count, anchor, days).
"""

from __future__ import annotations

import calendar
import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from plaid_emulator.synthetic import catalog, generator
from plaid_emulator.synthetic.catalog import Merchant
from plaid_emulator.synthetic.generator import Core

# Below about one transaction a day there are too few slots for the streams to keep their
# dates, so sparse histories (user_bulk_<N> with a small N) stay all random.
MIN_DENSITY = 0.9
SHIFT_DAYS = 2  # how far an occurrence may move when its day's slots are taken
MAX_TRANSFER_LAG = 3  # days between a transfer's outflow and its inflow


@dataclass(frozen=True)
class Stream:
    key: str  # stable within an item: "payroll", "netflix_credit", ...
    kind: str  # payroll, rent, utility, subscription, transfer, credit_card_payment, interest
    merchant: Merchant
    slot: str
    frequency: str  # Plaid's: BIWEEKLY, SEMI_MONTHLY, MONTHLY
    indices: tuple[int, ...]  # base indices, oldest first
    active: bool  # False once it stopped (a cancelled subscription)
    next_cents: int  # the amount of an occurrence added later (a control call)
    store_number: int

    @property
    def direction(self) -> str:
        return "inflow" if self.next_cents < 0 else "outflow"


@dataclass(frozen=True)
class Pair:
    outflow: int  # base index of the money leaving one account
    inflow: int  # base index of the money arriving in another, 0-3 days later
    kind: str  # "transfer" or "credit_card_payment"


@dataclass(frozen=True)
class Plan:
    cores: dict[int, Core]
    streams: tuple[Stream, ...]
    pairs: tuple[Pair, ...]

    def stream(self, key: str) -> Stream | None:
        return next((s for s in self.streams if s.key == key), None)


EMPTY = Plan({}, (), ())
Amount = Callable[[int, date], int]  # cents of occurrence n, due on a day


class _Slots:
    """Free base indices by date."""

    def __init__(self, anchor: date, count: int, days: int) -> None:
        self.anchor, self.count, self.days = anchor, count, days
        self.first = anchor - timedelta(days=days)
        # Only posted days: a planned transaction is never pending.
        self.last = anchor - timedelta(days=generator.PENDING_DAYS + 1)
        self.taken: set[int] = set()

    def _free(self, day: date) -> list[int]:
        if not self.first <= day <= self.last:
            return []
        low = generator.first_index_on_or_after(self.anchor, self.count, day, self.days)
        high = generator.first_index_on_or_after(
            self.anchor, self.count, day + timedelta(days=1), self.days
        )
        return [i for i in range(low, high) if i not in self.taken]

    def take(self, days: Iterable[date]) -> tuple[int, date] | None:
        """The first free index on the first of `days` that has one."""
        for day in days:
            free = self._free(day)
            if free:
                self.taken.add(free[0])
                return free[0], day
        return None

    def near(self, day: date) -> tuple[int, date] | None:
        return self.take(_around(day))

    def pair_near(self, day: date, lag: int) -> tuple[int, int] | None:
        """A transfer's two sides: the outflow within SHIFT_DAYS of `day`, the inflow `lag`
        days later or, when that day is full, on another day up to MAX_TRANSFER_LAG later."""
        order = [lag, *(d for d in range(MAX_TRANSFER_LAG + 1) if d != lag)]
        for near in _around(day):
            out = self.take([near])
            if out is None:
                continue
            landed = self.take(near + timedelta(days=d) for d in order)
            if landed is not None:
                return out[0], landed[0]
            self.taken.discard(out[0])
        return None

    def room(self, day: date, pair: bool) -> bool:
        """Whether an occurrence due on `day` would find its slot (or, for a `pair`, its
        two slots), without taking them."""
        if pair:
            both = self.pair_near(day, 0)
            taken = list(both) if both else []
        else:
            one = self.near(day)
            taken = [one[0]] if one else []
        self.taken.difference_update(taken)
        return bool(taken)

    def date_of(self, index: int) -> date:
        return generator.base_date(self.anchor, self.count, index, self.days)


def _around(day: date) -> list[date]:
    """The day, then the days around it, nearest first."""
    shifts = [0]
    for n in range(1, SHIFT_DAYS + 1):
        shifts += [n, -n]
    return [day + timedelta(days=s) for s in shifts]


def _monthly(first: date, last: date, day: int) -> list[date]:
    dates: list[date] = []
    year, month = first.year, first.month
    while True:
        length = calendar.monthrange(year, month)[1]
        when = date(year, month, min(day, length))
        if when > last:
            return dates
        if when >= first:
            dates.append(when)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _every(first: date, last: date, step: int, phase: int) -> list[date]:
    when = first + timedelta(days=phase % step)
    dates = []
    while when <= last:
        dates.append(when)
        when += timedelta(days=step)
    return dates


def _semi_monthly(first: date, last: date) -> list[date]:
    return sorted([*_monthly(first, last, 15), *_monthly(first, last, 31)])


class _Planner:
    def __init__(self, seed: int, count: int, anchor: date, days: int) -> None:
        self.rng = random.Random(f"{seed}:plan")
        self.slots = _Slots(anchor, count, days)
        # Pay, card payments and savings grow with how much is spent, so balances stay
        # plausible in a user_bulk_<N> history of many purchases a day.
        self.scale = max(1.0, count / (days + 1))
        self.cores: dict[int, Core] = {}
        self.streams: list[Stream] = []
        self.pairs: list[Pair] = []

    def cents(self, dollars: float) -> int:
        return round(dollars * 100)

    def monthly(
        self, first: date, last: date, low: int, high: int, *, pair: bool = False
    ) -> list[date]:
        """Monthly dates on a random day of the month in [low, high), moved to a later day
        when streams planned before it fill the slots around that day: in a history of
        about one transaction a day, a stream that lost most months to its neighbours
        would be no stream at all."""
        start = self.rng.randrange(low, high)
        best: list[date] = []
        best_room = -1
        for n in range(high - low):
            dates = _monthly(first, last, low + (start - low + n) % (high - low))
            room = sum(self.slots.room(day, pair) for day in dates)
            if room == len(dates):
                return dates
            if room > best_room:
                best, best_room = dates, room
        return best

    def stream(
        self,
        key: str,
        kind: str,
        merchant: Merchant,
        slot: str,
        frequency: str,
        dates: list[date],
        amount: Amount,
        *,
        active: bool = True,
    ) -> None:
        """Place one occurrence near each date; `amount(n, day)` gives its cents (Plaid's
        sign: positive is money out)."""
        indices = []
        store = self.rng.randrange(100, 9999)
        for n, day in enumerate(dates):
            placed = self.slots.near(day)
            if placed is None:
                continue
            self.cores[placed[0]] = Core(slot, amount(n, day), merchant, store)
            indices.append(placed[0])
        after = (dates[-1] if dates else self.slots.last) + timedelta(days=1)
        self.streams.append(
            Stream(
                key,
                kind,
                merchant,
                slot,
                frequency,
                tuple(indices),
                active,
                amount(len(dates), after),
                store,
            )
        )

    def pairs_monthly(
        self,
        key: str,
        kind: str,
        out: tuple[Merchant, str],
        into: tuple[Merchant, str],
        dates: list[date],
        amount: Amount,
    ) -> None:
        """A monthly move between two of the item's accounts: the outflow, then the inflow
        0-3 days later; both sides are streams too, as Plaid would find them."""
        outs, ins = [], []
        for n, day in enumerate(dates):
            lag = self.rng.randrange(MAX_TRANSFER_LAG + 1)
            placed = self.slots.pair_near(day, lag)
            if placed is None:
                continue
            out_index, in_index = placed
            cents = amount(n, day)
            self.cores[out_index] = Core(out[1], cents, out[0], 0)
            self.cores[in_index] = Core(into[1], -cents, into[0], 0)
            self.pairs.append(Pair(out_index, in_index, kind))
            outs.append(out_index)
            ins.append(in_index)
        cents = amount(len(dates), self.slots.last)
        for name, (merchant, slot), indices, sign in (
            ("out", out, outs, 1),
            ("in", into, ins, -1),
        ):
            self.streams.append(
                Stream(
                    f"{key}_{name}",
                    kind,
                    merchant,
                    slot,
                    "MONTHLY",
                    tuple(indices),
                    True,
                    sign * cents,
                    0,
                )
            )


def _plan_income_and_housing(p: _Planner, first: date, last: date) -> None:
    pay = p.rng.uniform(1900, 2500) * p.scale
    if p.rng.random() < 0.5:
        dates, frequency = _every(first, last, 14, p.rng.randrange(14)), "BIWEEKLY"
    else:
        dates, frequency = _semi_monthly(first, last), "SEMI_MONTHLY"
    wiggle = random.Random(p.rng.random())
    p.stream(
        "payroll",
        "payroll",
        catalog.PAYROLL,
        "checking",
        frequency,
        dates,
        lambda n, day: -p.cents(pay * (1 + wiggle.uniform(-0.01, 0.01))),
    )
    rent = p.rng.randrange(48, 88) * 25
    p.stream(
        "rent",
        "rent",
        catalog.RENT,
        "checking",
        "MONTHLY",
        _monthly(first, last, 1),
        lambda n, day: rent * 100,
    )


def _plan_transfers(p: _Planner, first: date, last: date) -> None:
    saving = p.rng.randrange(2, 9) * 50 * p.scale
    p.pairs_monthly(
        "savings",
        "transfer",
        (catalog.TO_SAVINGS, "checking"),
        (catalog.FROM_CHECKING, "savings"),
        p.monthly(first, last, 2, 28, pair=True),
        lambda n, day: p.cents(saving),
    )
    bills = random.Random(p.rng.random())
    p.pairs_monthly(
        "card_payment",
        "credit_card_payment",
        (catalog.CARD_PAYMENT_OUT, "checking"),
        (catalog.CARD_PAYMENT_IN, "credit"),
        p.monthly(first, last, 2, 28, pair=True),
        lambda n, day: p.cents(bills.uniform(600, 1200) * p.scale),
    )


def _plan_bills(p: _Planner, first: date, last: date) -> None:
    noise = random.Random(p.rng.random())

    def energy(n: int, day: date) -> int:  # more in winter
        season = 1 + 0.5 * math.cos(2 * math.pi * (day.month - 1) / 12)
        return p.cents(90 * season + noise.uniform(-15, 15))

    p.stream(
        "pge",
        "utility",
        catalog.PGE,
        "checking",
        "MONTHLY",
        p.monthly(first, last, 5, 25),
        energy,
    )
    p.stream(
        "verizon",
        "utility",
        catalog.VERIZON,
        "checking",
        "MONTHLY",
        p.monthly(first, last, 5, 25),
        lambda n, day: p.cents(noise.uniform(60, 90)),
    )
    p.stream(
        "comcast",
        "utility",
        catalog.COMCAST,
        "credit",
        "MONTHLY",
        p.monthly(first, last, 5, 25),
        lambda n, day: p.cents(noise.choice((79.99, 84.99, 89.99))),
    )
    p.stream(
        "interest",
        "interest",
        catalog.INTEREST,
        "savings",
        "MONTHLY",
        _monthly(first, last, 31),
        lambda n, day: -p.cents(noise.uniform(0.2, 3)),
    )


def _plan_subscriptions(p: _Planner, first: date, last: date) -> None:
    # Netflix on two accounts: a shared plan paid twice is what a person wants to notice.
    for slot in ("credit", "checking"):
        p.stream(
            f"netflix_{slot}",
            "subscription",
            catalog.NETFLIX,
            slot,
            "MONTHLY",
            p.monthly(first, last, 2, 28),
            lambda n, day: 1549,
        )
    rise = first + (last - first) / 2  # Spotify's price goes up halfway through
    p.stream(
        "spotify",
        "subscription",
        catalog.SPOTIFY,
        "credit",
        "MONTHLY",
        p.monthly(first, last, 2, 28),
        lambda n, day: 1099 if day < rise else 1199,
    )
    p.stream(
        "gym",
        "subscription",
        catalog.GYM,
        "checking",
        "MONTHLY",
        p.monthly(first, last, 2, 28),
        lambda n, day: 2499,
    )
    # Cancelled about four months ago (halfway back in a short history): it stops.
    stop = p.slots.last - timedelta(days=min(120, (last - first).days // 2))
    p.stream(
        "hulu",
        "subscription",
        catalog.HULU,
        "credit",
        "MONTHLY",
        p.monthly(first, stop, 2, 28),
        lambda n, day: 799,
        active=False,
    )


@lru_cache(maxsize=64)
def plan(seed: int, count: int, anchor: date, days: int) -> Plan:
    if count < MIN_DENSITY * (days + 1):
        return EMPTY
    p = _Planner(seed, count, anchor, days)
    first, last = p.slots.first, p.slots.last
    # The most date-bound first: pay and rent, then transfers, bills, subscriptions.
    _plan_income_and_housing(p, first, last)
    _plan_transfers(p, first, last)
    _plan_bills(p, first, last)
    _plan_subscriptions(p, first, last)
    return Plan(p.cores, tuple(p.streams), tuple(p.pairs))
