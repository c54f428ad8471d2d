"""An item's transactions as a numbered change log: base history plus mutations.

Change numbers (seqs) 1..base_count add the base history newest first, so the most
recent 30 days come first (what INITIAL_UPDATE_COMPLETE makes available). Each later
mutation event gets the next seq. Only the events are stored; transactions are
rebuilt from the seed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from plaid_emulator.synthetic import catalog, generator
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


class Ledger:
    def __init__(
        self, *, seed: int, base_count: int, anchor: date, events: list[dict[str, Any]]
    ) -> None:
        self.seed = seed
        self.base_count = base_count
        self.anchor = anchor
        self.events = events
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
        self._pending_from = generator.first_index_on_or_after(
            anchor, base_count, anchor - timedelta(days=generator.PENDING_DAYS)
        )
        self._balances: dict[str, Balance] | None = None

    @property
    def top(self) -> int:
        return self.base_count + len(self.events)

    @property
    def initial_top(self) -> int:
        """Seqs visible once the first 30 days are in."""
        start = self.anchor - timedelta(days=generator.INITIAL_UPDATE_DAYS)
        return self.base_count - generator.first_index_on_or_after(
            self.anchor, self.base_count, start
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
            day = generator.base_date(self.anchor, self.base_count, index)
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

    def render(self, key: str, *, include_original_description: bool = False) -> dict[str, Any]:
        return generator.render(
            self.rendering(key), include_original_description=include_original_description
        )

    def amount_cents(self, key: str) -> int:
        c = generator.core(self.seed, self.content_key(key))
        mods = len(self.modified_at.get(key, ()))
        return generator.modified_cents(self.seed, key, c.amount_cents, mods)

    def live_keys(self) -> Iterator[str]:
        for index in range(self.base_count):
            key = f"b{index}"
            if key not in self.removed_at:
                yield key
        for key in self._extra:
            if key not in self.removed_at:
                yield key

    def pending_keys(self) -> list[str]:
        keys = [f"b{i}" for i in range(self._pending_from, self.base_count)]
        keys += [k for k, e in self._extra.items() if e["pending"]]
        return [k for k in keys if k not in self.removed_at]

    def balances(self) -> dict[str, Balance]:
        """Balances that agree with the transactions: every account starts at zero."""
        if self._balances is not None:
            return self._balances
        posted = dict.fromkeys(catalog.TRANSACTIONAL_SLOTS, 0)
        pending = dict.fromkeys(catalog.TRANSACTIONAL_SLOTS, 0)
        for key in self.live_keys():
            slot = generator.core(self.seed, self.content_key(key)).slot
            cents = self.amount_cents(key)
            if self.is_pending(key):
                pending[slot] += cents
            else:
                posted[slot] += cents
        result: dict[str, Balance] = {}
        for template in catalog.ACCOUNTS:
            slot = template.slot
            if template.static_balance is not None:
                available = template.static_balance if template.type == "depository" else None
                result[slot] = Balance(template.static_balance, available, None)
            elif template.type == "credit":
                owed = posted[slot]
                limit = template.limit or 0
                result[slot] = Balance(
                    owed / 100, round(limit - (owed + pending[slot]) / 100, 2), limit
                )
            else:
                current = -posted[slot]
                result[slot] = Balance(current / 100, (current - pending[slot]) / 100, None)
        self._balances = result
        return result

    def date_of(self, key: str) -> date:
        if key.startswith("b"):
            return generator.base_date(self.anchor, self.base_count, int(key[1:]))
        return date.fromisoformat(self._extra[key]["date"])

    def keys_between(self, start: date, end: date) -> list[str]:
        """Live keys dated within [start, end], newest first."""
        lo = generator.first_index_on_or_after(self.anchor, self.base_count, start)
        hi = generator.first_index_on_or_after(
            self.anchor, self.base_count, end + timedelta(days=1)
        )
        dated = [
            (generator.base_date(self.anchor, self.base_count, i), i, f"b{i}")
            for i in range(lo, hi)
            if f"b{i}" not in self.removed_at
        ]
        for key in self._extra:
            day = self.date_of(key)
            if key not in self.removed_at and start <= day <= end:
                dated.append((day, self._extra_seq[key], key))
        dated.sort(reverse=True)
        return [key for _, _, key in dated]

    def account_id(self, key: str) -> str:
        slot = generator.core(self.seed, self.content_key(key)).slot
        return generator.account_id(self.seed, slot)
