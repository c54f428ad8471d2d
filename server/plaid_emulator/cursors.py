"""Opaque /transactions/sync cursors.

A cursor records where the client is in the item's change log and, while a paginated
update is in progress, where that update started and which log top it was paging to.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

from plaid_emulator.errors import invalid_field


@dataclass(frozen=True)
class Cursor:
    position: int  # last seq the client has received
    start: int  # seq the current pagination started from
    top: int  # log top the current pagination pages to

    @property
    def mid_pagination(self) -> bool:
        return self.position < self.top


def _item_tag(item_id: str) -> str:
    return hashlib.sha256(item_id.encode()).hexdigest()[:12]


def encode(item_id: str, cursor: Cursor) -> str:
    payload = {"i": _item_tag(item_id), "p": cursor.position, "s": cursor.start, "t": cursor.top}
    return base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode()


def decode(item_id: str, raw: str | None) -> Cursor | None:
    """None means start from the beginning."""
    if not raw:
        return None
    try:
        data = json.loads(base64.b64decode(raw, validate=True))
        if data["i"] != _item_tag(item_id):
            raise ValueError("cursor belongs to another item")
        cursor = Cursor(int(data["p"]), int(data["s"]), int(data["t"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise invalid_field("cursor is invalid or does not belong to this item") from exc
    if not 0 <= cursor.start <= cursor.position <= cursor.top:
        raise invalid_field("cursor is invalid or does not belong to this item")
    return cursor
