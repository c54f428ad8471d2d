"""The sync requests table (pattern.models.sync_requests): recorded, found due, finished.

One row per item, so however many requests an item gets before a pass, one pass serves
them: `requested` counts the requests, and a pass that ends well sets `done` to the count
it read when it began. The SQL is the same on both databases (ON CONFLICT, which SQLite
has too); which process runs an item's pass is settled by the item's lock
(pattern.sync.locks), not here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from pattern.models import Item, SyncRequest, User
from pattern.models.base import utcnow

REQUESTS = SyncRequest.__table__


@dataclass(frozen=True)
class DeadRequest:
    """An item whose sync failed every attempt, for the administrator."""

    item_id: int
    user_id: int
    username: str
    institution_name: str | None
    reason: str
    attempts: int
    last_error: str | None
    requested_at: datetime
    dead_at: datetime


@dataclass(frozen=True)
class Retries:
    """Failed passes in a row before an item's request is dead, and the first wait."""

    max_attempts: int = 8
    base_seconds: float = 30.0
    cap_seconds: float = 3600.0

    def wait(self, attempt: int) -> timedelta:
        """The wait after the `attempt`th failure in a row: base, 2 x base, 4 x base, ..."""
        return timedelta(
            seconds=min(self.cap_seconds, self.base_seconds * 2 ** max(0, attempt - 1))
        )


class SyncRequestStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._insert: Any = (
            postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        )

    async def add(
        self,
        connection: AsyncConnection | AsyncSession,
        item_ids: Iterable[int],
        reason: str,
        *,
        urgent: bool = False,
        revive: bool = True,
    ) -> None:
        """Record a request for each item, in the caller's transaction.

        An item waiting to try again after a failure keeps its wait unless the request is
        `urgent` (the person's own, a link). A dead item lives again, its attempts from
        zero, when `revive` (news from Plaid); the periodic sync leaves it dead.
        """
        now = utcnow()
        rows = [
            {"item_id": item_id, "reason": reason, "requested_at": now, "run_after": now}
            for item_id in sorted(set(item_ids))
        ]
        if not rows:
            return
        table = REQUESTS.c
        statement = self._insert(SyncRequest)
        new = statement.excluded
        values: dict[str, Any] = {
            "requested": table.requested + 1,
            "reason": new.reason,
            "requested_at": new.requested_at,
        }
        if urgent:
            values.update(run_after=new.run_after, attempts=0, dead_at=None)
        elif revive:
            dead = table.dead_at.is_not(None)
            values["run_after"] = case(
                (dead | (table.attempts == 0), new.run_after), else_=table.run_after
            )
            values["attempts"] = case((dead, 0), else_=table.attempts)
            values["dead_at"] = None
        else:
            values["run_after"] = case((table.attempts == 0, new.run_after), else_=table.run_after)
        statement = statement.on_conflict_do_update(index_elements=[table.item_id], set_=values)
        await connection.execute(statement, rows)

    async def record(
        self, item_ids: Iterable[int], reason: str, *, urgent: bool = False, revive: bool = True
    ) -> None:
        """add(), committed before this returns."""
        async with self._engine.begin() as connection:
            await self.add(connection, item_ids, reason, urgent=urgent, revive=revive)

    async def due(self, limit: int) -> list[int]:
        """Items waiting for a pass whose time has come, longest waiting first."""
        table = REQUESTS.c
        async with self._engine.connect() as connection:
            rows = await connection.scalars(
                select(table.item_id)
                .where(
                    table.requested > table.done,
                    table.dead_at.is_(None),
                    table.run_after <= utcnow(),
                )
                .order_by(table.run_after)
                .limit(limit)
            )
            return list(rows)

    async def requested(self, connection: AsyncConnection, item_id: int) -> int | None:
        """How many requests the item has had, and None when none is waiting (taken by the
        pass that holds the item's lock, when it begins)."""
        table = REQUESTS.c
        row = (
            await connection.execute(
                select(table.requested, table.done).where(table.item_id == item_id)
            )
        ).first()
        await connection.commit()
        if row is None or row.requested <= row.done:
            return None
        return int(row.requested)

    async def served(
        self, connection: AsyncConnection, item_id: int, served: int, error: str | None = None
    ) -> None:
        """The item's pass ended, serving the first `served` requests (by the pass that holds
        the item's lock). `error`: it ended on one that only the person can mend (a new
        login), which trying again would not."""
        table = REQUESTS.c
        values: dict[str, Any] = {"done": served, "attempts": 0, "last_error": error}
        if error:
            values["last_error_at"] = utcnow()
        await connection.execute(update(SyncRequest).where(table.item_id == item_id).values(values))
        await connection.commit()

    async def poll_later(self, connection: AsyncConnection, item_id: int, seconds: float) -> None:
        """Ask for another pass in `seconds` (Plaid's history of the item is still coming),
        unless one is waiting already."""
        table = REQUESTS.c
        now = utcnow()
        await connection.execute(
            update(SyncRequest)
            .where(table.item_id == item_id, table.requested == table.done, table.dead_at.is_(None))
            .values(
                requested=table.requested + 1,
                reason="history",
                requested_at=now,
                run_after=now + timedelta(seconds=seconds),
            )
        )
        await connection.commit()

    async def failed(
        self, connection: AsyncConnection, item_id: int, error: str, retries: Retries
    ) -> bool:
        """The item's pass failed: try again after a wait, or give up after the last
        attempt (True then)."""
        table = REQUESTS.c
        attempts = await connection.scalar(select(table.attempts).where(table.item_id == item_id))
        # The read ends here: on SQLite a write in a read transaction that another
        # connection wrote after fails at once (SQLITE_BUSY_SNAPSHOT), whatever the timeout.
        await connection.commit()
        if attempts is None:  # the item is gone
            return False
        attempt, now = int(attempts) + 1, utcnow()
        values: dict[str, Any] = {"attempts": attempt, "last_error": error, "last_error_at": now}
        dead = attempt >= retries.max_attempts
        if dead:
            values["dead_at"] = now
        else:
            values["run_after"] = now + retries.wait(attempt)
        # Only the pass holding the item's lock counts attempts; a request of the person's
        # may have set them to 0 meanwhile, and then this failure no longer counts.
        await connection.execute(
            update(SyncRequest)
            .where(table.item_id == item_id, table.attempts == attempts)
            .values(values)
        )
        await connection.commit()
        return dead

    async def waiting(self) -> int:
        """Requests waiting for a pass (for the administrator)."""
        table = REQUESTS.c
        async with self._engine.connect() as connection:
            found = await connection.scalar(
                select(func.count()).where(table.requested > table.done, table.dead_at.is_(None))
            )
            return int(found or 0)

    async def dead(self, limit: int = 200) -> list[DeadRequest]:
        """Items whose sync gave up, the latest first."""
        table = REQUESTS.c
        async with self._engine.connect() as connection:
            rows = await connection.execute(
                select(
                    table.item_id,
                    Item.user_id,
                    User.username,
                    Item.institution_name,
                    table.reason,
                    table.attempts,
                    table.last_error,
                    table.requested_at,
                    table.dead_at,
                )
                .join(Item, Item.id == table.item_id)
                .join(User, User.id == Item.user_id)
                .where(table.dead_at.is_not(None))
                .order_by(table.dead_at.desc())
                .limit(limit)
            )
            return [DeadRequest(**row._mapping) for row in rows]
