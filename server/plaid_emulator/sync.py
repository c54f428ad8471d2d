"""/transactions/sync paging over an item's change log."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from plaid_emulator import cursors, errors
from plaid_emulator.cursors import Cursor
from plaid_emulator.jsontext import RawJSON
from plaid_emulator.ledger import Ledger


@dataclass
class Page:
    added: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    next_cursor: Cursor = field(default_factory=lambda: Cursor(0, 0, 0))

    @property
    def size(self) -> int:
        return len(self.added) + len(self.modified) + len(self.removed)

    @property
    def has_more(self) -> bool:
        return self.next_cursor.mid_pagination


def _emits(ledger: Ledger, op: str, key: str, seq: int, start: int, top: int) -> bool:
    """Whether a change is part of the net update from `start` to `top`.

    A transaction both added and removed within the update is never shown; one added
    within it is shown once as added in its latest form; only the last modification
    of an older transaction is shown.
    """
    removed = ledger.removed_at.get(key)
    removed_inside = removed is not None and start < removed <= top
    existed_before = ledger.added_seq(key) <= start
    if op == "add":
        return not removed_inside
    if op == "remove":
        return existed_before
    last_modification = max(s for s in ledger.modified_at[key] if s <= top)
    return existed_before and not removed_inside and seq == last_modification


def page(ledger: Ledger, cursor: Cursor | None, visible_top: int, count: int) -> Page:
    if cursor is None:
        cursor = Cursor(0, 0, 0)
    if cursor.mid_pagination:
        if cursor.top != visible_top:
            raise errors.mutation_during_pagination()
        start = cursor.start
    else:
        start = cursor.position
    result = Page()
    seq = cursor.position
    while seq < visible_top and result.size < count:
        seq += 1
        change = ledger.change(seq)
        if not _emits(ledger, change.op, change.key, seq, start, visible_top):
            continue
        {"add": result.added, "modify": result.modified, "remove": result.removed}[
            change.op
        ].append(change.key)
    top = max(visible_top, seq)
    result.next_cursor = Cursor(seq, start if seq < top else seq, top)
    return result


# Transactions rendered between two yields to the event loop: ~2 ms of work. Rendering
# on the loop in slices, rather than in a worker thread, spares the loop's socket writes
# from waiting on the GIL (up to 5 ms each) while a thread renders.
RENDER_SLICE = 100


async def render_page(
    item_id: str,
    ledger: Ledger,
    result: Page,
    *,
    include_original_description: bool,
    pfc_version: str | None = None,
    account_id: str | None = None,
) -> dict[str, Any]:
    """The page's part of a /transactions/sync answer; transactions as JSON text."""

    async def txns(keys: list[str]) -> RawJSON:
        if account_id is not None:
            keys = [k for k in keys if ledger.account_id(k) == account_id]
        rendered: list[str] = []
        for start in range(0, len(keys), RENDER_SLICE):
            if start:
                await asyncio.sleep(0)
            rendered += [
                ledger.render_json(
                    k,
                    include_original_description=include_original_description,
                    pfc_version=pfc_version,
                )
                for k in keys[start : start + RENDER_SLICE]
            ]
        return RawJSON("[" + ",".join(rendered) + "]")

    removed = [
        {"transaction_id": ledger.transaction_id(key), "account_id": ledger.account_id(key)}
        for key in result.removed
    ]
    if account_id is not None:
        removed = [r for r in removed if r["account_id"] == account_id]
    return {
        "added": await txns(result.added),
        "modified": await txns(result.modified),
        "removed": removed,
        "has_more": result.has_more,
        "next_cursor": cursors.encode(item_id, result.next_cursor),
    }
