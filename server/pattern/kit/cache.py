"""An in-process cache of figures derived from one user's transactions.

Entries are keyed by the user's data_version (read with the user at authentication), which
every change to their transactions bumps in the same database transaction (see
pattern.users.data_version). A request therefore never gets a figure older than the data
it can see, and several server processes each keep their own cache safely. Old versions'
entries are simply never asked for again and fall out of the LRU.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


class LruCache:
    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable) -> Any | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: Hashable, value: Any) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)


@dataclass(frozen=True)
class UserCache:
    """One request's view of the cache: one user's entries at the version it read; of
    what they share with another, apart (`shown`: the shared accounts)."""

    store: LruCache
    user_id: int
    version: int
    shown: frozenset[int] | None = None

    async def get_or_compute(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        full_key = (self.user_id, self.version, self.shown, key)
        found = self.store.get(full_key)
        if found is None:
            found = await compute()
            self.store.put(full_key, found)
        return found
