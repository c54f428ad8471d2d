"""The async engine, sessions, and the SQLite settings that make it behave like PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import anyio
from sqlalchemy import BigInteger, ColumnElement, Dialect, any_, bindparam, event, text, true
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import InstrumentedAttribute

logger = logging.getLogger(__name__)


def _enable_sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # cascades as on PostgreSQL
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't block the writer
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str) -> AsyncEngine:
    # hide_parameters: SQLAlchemy would write a failed statement's values (an encrypted
    # access token, a password hash) into its exception, and from there into logs.
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _enable_sqlite_pragmas)
        return engine
    return create_async_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        # asyncpg prepares every statement, and after five runs PostgreSQL may keep one
        # generic plan for it, blind to the values: a search's LIKE pattern, a user's date
        # range. Planned for their values, searched pages and insights take half the time
        # (24-month insights 139-264 -> 93-107 ms); planning costs well under a millisecond.
        connect_args={"server_settings": {"plan_cache_mode": "force_custom_plan"}},
    )


async def ping(engine: AsyncEngine) -> None:
    """Raises unless the database answers (readiness)."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def id_in(
    column: InstrumentedAttribute[int], ids: Sequence[int], dialect: Dialect
) -> ColumnElement[bool]:
    """`column IN ids`, with the ids as one array on PostgreSQL: thousands of separate
    parameters cost more to send and plan than the rows they find."""
    if dialect.name == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(BigInteger)))
    return column.in_(ids)


# Which of a person's accounts a read covers: every one (None: the person, or an
# administrator, asks), or only those shared with the one asking (pattern.households).
Shown = frozenset[int] | None


def within(account_id: InstrumentedAttribute[int], shown: Shown) -> ColumnElement[bool]:
    """A condition keeping the rows of the shown accounts (none when none is shown)."""
    if shown is None:
        return true()
    return account_id.in_(sorted(shown))


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


Callback = Callable[[], Awaitable[None]]


def after_commit(session: AsyncSession, callback: Callback) -> None:
    """Run `callback` once the request's transaction has committed (events, background work)."""
    session.info.setdefault("after_commit", []).append(callback)


async def run_after_commit(session: AsyncSession) -> None:
    session.info.pop("on_rollback", None)
    callbacks: list[Callback] = session.info.pop("after_commit", [])
    for callback in callbacks:
        await callback()


def on_rollback(session: AsyncSession, callback: Callback) -> None:
    """Run `callback` if the request's transaction does not commit: to undo what the
    request did outside the database (e.g. an item it created at Plaid)."""
    session.info.setdefault("on_rollback", []).append(callback)


async def roll_back(session: AsyncSession) -> None:
    """Roll back, then run the on_rollback callbacks, newest first, even when cancelled.
    A failing callback is logged and the others still run."""
    session.info.pop("after_commit", None)
    callbacks: list[Callback] = session.info.pop("on_rollback", [])
    try:
        await session.rollback()
    finally:
        with anyio.CancelScope(shield=True):
            for callback in reversed(callbacks):
                try:
                    await callback()
                except Exception:
                    logger.exception("could not undo a rolled back request's work")


async def release_connection(session: AsyncSession) -> None:
    """End a transaction that has only read, so its connection goes back to the pool while
    the request waits on something slow (Plaid, a sync). Call it before any write: it rolls
    back. Loaded ORM objects expire, so keep their ids, not the objects."""
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("release_connection() called with changes pending")
    await session.rollback()
