"""An item's transactions as a numbered change log: base history plus mutations.

Change numbers (seqs) 1..base_count add the base history newest first, so the most
recent 30 days come first (what INITIAL_UPDATE_COMPLETE makes available). Each later
mutation event gets the next seq. Only the events are stored; transactions are
rebuilt from the seed.
"""

from __future__ import annotations

import dataclasses
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from plaid_emulator.synthetic import catalog, generator, plan
from plaid_emulator.synthetic.generator import Rendering


@dataclass(frozen=True)
class Change:
    seq: int
    op: str  # "add", "modify" or "remove"
    key: str


@dataclass(frozen=True)
class Balance:
    current: float | None
    available: float | None
    limit: float | None


_MERCHANTS = (
    *catalog.SPENDING,
    *catalog.RECURRING,
    catalog.PAYROLL,
    catalog.RENT,
    catalog.CARD_PAYMENT_OUT,
    catalog.CARD_PAYMENT_IN,
    catalog.TO_SAVINGS,
    catalog.FROM_CHECKING,
    catalog.INTEREST,
)
_MERCHANT_INDEX = {id(m): n for n, m in enumerate(_MERCHANTS)}


class BaseCores:
    """generator.core() of every base transaction, in 12 bytes each: computing one costs
    a random.Random seeding (~10 µs), and base_totals() computes them all anyway."""

    def __init__(self) -> None:
        self._slots = array("B")
        self._merchants = array("H")
        self._stores = array("H")
        self._cents = array("q")

    def append(self, c: generator.Core) -> None:
        self._slots.append(catalog.TRANSACTIONAL_SLOTS.index(c.slot))
        self._merchants.append(_MERCHANT_INDEX[id(c.merchant)])
        self._stores.append(c.store_number)
        self._cents.append(c.amount_cents)

    def __len__(self) -> int:
        return len(self._cents)

    def __getitem__(self, index: int) -> generator.Core:
        return generator.Core(
            catalog.TRANSACTIONAL_SLOTS[self._slots[index]],
            self._cents[index],
            _MERCHANTS[self._merchants[index]],
            self._stores[index],
        )


@dataclass(frozen=True)
class SlotTotals:
    """Cents per transactional account, split into posted and pending, and the base
    history's cores (None when not kept)."""

    posted: dict[str, int]
    pending: dict[str, int]
    cores: BaseCores | None = None


def pending_from(anchor: date, base_count: int, days: int = generator.HISTORY_DAYS) -> int:
    """The first base index still pending (the last PENDING_DAYS days)."""
    return generator.first_index_on_or_after(
        anchor, base_count, anchor - timedelta(days=generator.PENDING_DAYS), days
    )


def base_totals(
    seed: int,
    base_count: int,
    anchor: date,
    stop: threading.Event | None = None,
    days: int = generator.HISTORY_DAYS,
) -> SlotTotals:
    """Totals of the generated base history, before any mutation.

    Linear in base_count (about 11 µs a transaction) and pure: run it off the event loop
    and keep the result, since it never changes for an item. Setting `stop` abandons it
    (so a shutting-down server need not wait for a big history).
    """
    posted = dict.fromkeys(catalog.TRANSACTIONAL_SLOTS, 0)
    pending = dict.fromkeys(catalog.TRANSACTIONAL_SLOTS, 0)
    first_pending = pending_from(anchor, base_count, days)
    planned = plan.plan(seed, base_count, anchor, days).cores
    cores = BaseCores()
    for index in range(base_count):
        if index % 10_000 == 0 and stop is not None and stop.is_set():
            raise InterruptedError("base_totals stopped")
        c = planned.get(index) or generator.core(seed, f"b{index}")
        cores.append(c)
        (pending if index >= first_pending else posted)[c.slot] += c.amount_cents
    return SlotTotals(posted, pending, cores)


# A run of base indices [low, high) shown newest (highest) first, or one mutation key.
_Segment = tuple[int, int] | str


class Ledger:
    def __init__(
        self,
        *,
        seed: int,
        base_count: int,
        anchor: date,
        events: list[dict[str, Any]],
        days: int = generator.HISTORY_DAYS,
    ) -> None:
        self.seed = seed
        self.base_count = base_count
        self.anchor = anchor
        self.days = days  # the span of the base history: the item's days_requested
        self.events = list(events)  # a snapshot: the item's own list keeps growing
        self._extra: dict[str, dict[str, Any]] = {}
        self._extra_seq: dict[str, int] = {}
        self.removed_at: dict[str, int] = {}
        self.modified_at: dict[str, list[int]] = {}
        for offset, event in enumerate(events):
            seq = base_count + offset + 1
            key = event["key"]
            if event["op"] == "add":
                self._extra[key] = event
                self._extra_seq[key] = seq
            elif event["op"] == "remove":
                self.removed_at[key] = seq
            else:
                self.modified_at.setdefault(key, []).append(seq)
        self._pending_from = pending_from(anchor, base_count, days)
        self.plan = plan.plan(seed, base_count, anchor, days)
        self._removed_base = sorted(int(k[1:]) for k in self.removed_at if k.startswith("b"))
        self._balances: dict[str, Balance] | None = None
        # Set by the emulator once base_totals() has run: saves rebuilding each core.
        self.base_cores: BaseCores | None = None

    @property
    def top(self) -> int:
        return self.base_count + len(self.events)

    @property
    def initial_top(self) -> int:
        """Seqs visible once the first 30 days are in."""
        start = self.anchor - timedelta(days=generator.INITIAL_UPDATE_DAYS)
        return self.base_count - generator.first_index_on_or_after(
            self.anchor, self.base_count, start, self.days
        )

    def change(self, seq: int) -> Change:
        if seq <= self.base_count:
            return Change(seq, "add", f"b{self.base_count - seq}")
        event = self.events[seq - self.base_count - 1]
        return Change(seq, event["op"], event["key"])

    def added_seq(self, key: str) -> int:
        if key.startswith("b"):
            return self.base_count - int(key[1:])
        return self._extra_seq[key]

    def is_live(self, key: str) -> bool:
        return key not in self.removed_at

    def is_pending(self, key: str) -> bool:
        if key.startswith("b"):
            return int(key[1:]) >= self._pending_from
        return bool(self._extra[key]["pending"])

    def content_key(self, key: str) -> str:
        extra = self._extra.get(key)
        if extra and extra.get("of"):
            return self.content_key(str(extra["of"]))
        return key

    def rendering(self, key: str) -> Rendering:
        mods = len(self.modified_at.get(key, ()))
        if key.startswith("b"):
            index = int(key[1:])
            day = generator.base_date(self.anchor, self.base_count, index, self.days)
            pending = self.is_pending(key)
            lag = 0 if pending else generator.authorization_lag_days(self.seed, key)
            return Rendering(
                self.seed, key, key, day, pending, None, day - timedelta(days=lag), mods
            )
        extra = self._extra[key]
        day = date.fromisoformat(extra["date"])
        of = extra.get("of")
        authorized = date.fromisoformat(extra.get("authorized_date") or extra["date"])
        return Rendering(
            self.seed,
            key,
            self.content_key(key),
            day,
            bool(extra["pending"]),
            generator.transaction_id(self.seed, of) if of else None,
            authorized,
            mods,
        )

    def core(self, content_key: str) -> generator.Core:
        cores = self.base_cores
        if content_key.startswith("b"):
            index = int(content_key[1:])
            if cores is not None and index < len(cores):
                return cores[index]
            planned = self.plan.cores.get(index)
            if planned is not None:
                return planned
        extra = self._extra.get(content_key)
        stream = self.plan.stream(str(extra["stream"])) if extra and extra.get("stream") else None
        if stream is not None:  # a later occurrence of a planned stream
            return generator.Core(
                stream.slot, stream.next_cents, stream.merchant, stream.store_number
            )
        core = generator.core(self.seed, content_key)
        if extra and extra.get("slot"):  # on an account added to the item later
            return dataclasses.replace(core, slot=str(extra["slot"]))
        return core

    def render(
        self,
        key: str,
        *,
        include_original_description: bool = False,
        pfc_version: str | None = None,
    ) -> dict[str, Any]:
        rendering = self.rendering(key)
        return generator.render(
            rendering,
            include_original_description=include_original_description,
            pfc_version=pfc_version,
            content=self.core(rendering.content_key),
        )

    def render_json(
        self,
        key: str,
        *,
        include_original_description: bool = False,
        pfc_version: str | None = None,
    ) -> str:
        """render() as JSON text, built faster than encoding the dict."""
        rendering = self.rendering(key)
        return generator.render_json(
            rendering,
            include_original_description=include_original_description,
            pfc_version=pfc_version,
            content=self.core(rendering.content_key),
        )

    def pending_keys(self) -> list[str]:
        keys = [f"b{i}" for i in range(self._pending_from, self.base_count)]
        keys += [k for k, e in self._extra.items() if e["pending"]]
        return [k for k in keys if k not in self.removed_at]

    def _contribution(self, key: str, *, as_generated: bool = False) -> tuple[str, bool, int]:
        """(slot, pending, cents) of one transaction, or of a base one before mutations."""
        c = self.core(self.content_key(key))
        if as_generated:
            return c.slot, self.is_pending(key), c.amount_cents
        mods = len(self.modified_at.get(key, ()))
        cents = generator.modified_cents(self.seed, key, c.amount_cents, mods)
        return c.slot, self.is_pending(key), cents

    def balances(
        self, base: SlotTotals, added: tuple[catalog.AccountTemplate, ...] = ()
    ) -> dict[str, Balance]:
        """Balances that agree with the transactions: every account starts at zero.

        `base` is base_totals() for this item; only the mutated transactions are
        recomputed here, so this costs O(mutation log), not O(history).
        """
        if self._balances is not None:
            return self._balances
        posted = dict(base.posted)
        pending = dict(base.pending)

        def add(key: str, sign: int, *, as_generated: bool = False) -> None:
            slot, is_pending, cents = self._contribution(key, as_generated=as_generated)
            totals = pending if is_pending else posted
            totals[slot] = totals.get(slot, 0) + sign * cents

        for key in {*self.removed_at, *self.modified_at}:
            if key.startswith("b"):
                add(key, -1, as_generated=True)
                if self.is_live(key):
                    add(key, 1)
        for key in self._extra:
            if self.is_live(key):
                add(key, 1)
        result = {
            template.slot: _balance(
                template, posted.get(template.slot, 0), pending.get(template.slot, 0)
            )
            for template in (*catalog.ACCOUNTS, *added)
        }
        self._balances = result
        return result

    def date_of(self, key: str) -> date:
        if key.startswith("b"):
            return generator.base_date(self.anchor, self.base_count, int(key[1:]), self.days)
        return date.fromisoformat(self._extra[key]["date"])

    # /transactions/get: live transactions dated within [start, end], newest first (on one
    # day, mutations newest first, then base ones). The base history is a run of indices
    # whose dates grow with the index, so a window is a few runs split by the mutation
    # keys that fall inside it, and a page is found without walking the whole history.

    def _base_index_after(self, day: date) -> int:
        """The first base index dated after `day`."""
        if day >= date.max:
            return self.base_count
        return generator.first_index_on_or_after(
            self.anchor, self.base_count, day + timedelta(days=1), self.days
        )

    def _removed_between(self, low: int, high: int) -> int:
        return bisect_left(self._removed_base, high) - bisect_left(self._removed_base, low)

    def _segments(self, start: date, end: date) -> list[_Segment]:
        low = generator.first_index_on_or_after(self.anchor, self.base_count, start, self.days)
        high = self._base_index_after(end)
        extras = sorted(
            (
                (self.date_of(key), seq, key)
                for key, seq in self._extra_seq.items()
                if self.is_live(key) and start <= self.date_of(key) <= end
            ),
            reverse=True,
        )
        segments: list[_Segment] = []
        for day, _, key in extras:
            after = max(low, min(high, self._base_index_after(day)))
            segments.append((after, high))  # base ones dated after this mutation
            segments.append(key)
            high = after
        segments.append((low, high))
        return [s for s in segments if isinstance(s, str) or s[0] < s[1]]

    def _size(self, segment: _Segment) -> int:
        if isinstance(segment, str):
            return 1
        low, high = segment
        return high - low - self._removed_between(low, high)

    def _keys_from(self, segments: list[_Segment], offset: int) -> Iterator[str]:
        """Keys of the segments newest first, skipping the first `offset` in O(segments)."""
        for segment in segments:
            size = self._size(segment)
            if offset >= size:
                offset -= size
                continue
            if isinstance(segment, str):
                yield segment
            else:
                low, high = segment
                # Find the index below which the next live one lies: `offset` live ones
                # sit in [below, high). Removals only grow as `below` falls, so this settles.
                below = high - offset
                while (high - below) - self._removed_between(below, high) < offset:
                    below = high - offset - self._removed_between(below, high)
                for index in range(below - 1, low - 1, -1):
                    if f"b{index}" not in self.removed_at:
                        yield f"b{index}"
            offset = 0

    def window(self, start: date, end: date, offset: int, count: int) -> tuple[int, list[str]]:
        """(total, keys of one page) of the live transactions dated within [start, end]."""
        segments = self._segments(start, end)
        total = sum(self._size(s) for s in segments)
        keys: list[str] = []
        for key in self._keys_from(segments, offset):
            if len(keys) == count:
                break
            keys.append(key)
        return total, keys

    def window_for_accounts(
        self, start: date, end: date, offset: int, count: int, account_ids: set[str]
    ) -> tuple[int, list[str]]:
        """As window(), keeping some accounts only. Linear in the window's size (the
        account of a transaction is only known by generating it): run it off the loop."""
        total = 0
        keys: list[str] = []
        for key in self._keys_from(self._segments(start, end), 0):
            if self.account_id(key) in account_ids:
                if offset <= total < offset + count:
                    keys.append(key)
                total += 1
        return total, keys

    def transaction_id(self, key: str) -> str:
        return generator.transaction_id(self.seed, key)

    def extra_keys(self) -> list[str]:
        """The keys of the transactions added after the base history."""
        return list(self._extra)

    def account_id(self, key: str) -> str:
        slot = self.core(self.content_key(key)).slot
        return generator.account_id(self.seed, slot)


def _balance(template: catalog.AccountTemplate, posted: int, pending: int) -> Balance:
    """An account's balances from its posted and pending cents (outflows positive)."""
    if template.static_balance is not None:
        available = template.static_balance if template.type == "depository" else None
        return Balance(template.static_balance, available, None)
    if template.type == "credit":
        limit = template.limit or 0
        return Balance(posted / 100, round(limit - (posted + pending) / 100, 2), limit)
    current = -posted
    return Balance(current / 100, (current - pending) / 100, None)
