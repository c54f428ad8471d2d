"""The stored month totals' SQL: computing months from the counted transactions, storing
them, and the marks of the months that changed."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, case, func, literal_column, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.insights.periods import Period
from pattern.insights.repository import counted
from pattern.kit.upsert import insert_for
from pattern.models import MonthChange, MonthTotals, Transaction, User
from pattern.net_worth.repository import currency_of

# The month_changes row that stands for every month.
EVERY_MONTH = "*"

# (date, category, subcategory, currency, spent, spent count, income, income count)
ComputedRow = Row[date, str | None, str | None, str, Any, int, Any, int]

_ZERO: ColumnElement[Any] = literal_column("0")  # a literal, one expression to PostgreSQL
_OUT, _IN = Transaction.amount > _ZERO, Transaction.amount < _ZERO


async def data_version(session: AsyncSession, user_id: int) -> int:
    return int(await session.scalar(select(User.data_version).where(User.id == user_id)) or 0)


async def stored(
    session: AsyncSession, user_id: int, months: Collection[str]
) -> Sequence[Row[str, int, bytes]]:
    """(month, computed version, entries) of the stored months among `months`."""
    rows: Sequence[Row[str, int, bytes]] = (
        await session.execute(
            select(MonthTotals.month, MonthTotals.computed_version, MonthTotals.entries).where(
                MonthTotals.user_id == user_id, MonthTotals.month.in_(months)
            )
        )
    ).all()
    return rows


async def computed_versions(
    session: AsyncSession, user_id: int, months: Collection[str]
) -> dict[str, int]:
    """The version each of the stored months among `months` was computed at."""
    rows = await session.execute(
        select(MonthTotals.month, MonthTotals.computed_version).where(
            MonthTotals.user_id == user_id, MonthTotals.month.in_(months)
        )
    )
    return {month: int(version) for month, version in rows}


async def changes(session: AsyncSession, user_id: int, months: Collection[str]) -> dict[str, int]:
    """The version of the latest change to each of `months` that changed, and to
    EVERY_MONTH."""
    rows = await session.execute(
        select(MonthChange.month, MonthChange.changed_version).where(
            MonthChange.user_id == user_id, MonthChange.month.in_([*months, EVERY_MONTH])
        )
    )
    return {month: int(version) for month, version in rows}


async def computed(
    session: AsyncSession, user_id: int, ranges: Sequence[tuple[date, date]]
) -> Sequence[ComputedRow]:
    """The counted transactions dated in `ranges` (both ends included), totalled by day,
    category, subcategory and currency."""
    currency = currency_of(Transaction)
    rows: Sequence[ComputedRow] = (
        await session.execute(
            select(
                Transaction.date,
                Transaction.category,
                Transaction.subcategory,
                currency,
                func.sum(case((_OUT, Transaction.amount), else_=_ZERO)),
                func.count(case((_OUT, Transaction.id))),
                func.sum(case((_IN, -Transaction.amount), else_=_ZERO)),
                func.count(case((_IN, Transaction.id))),
            )
            .where(
                *counted(user_id, Period(None, None), None),
                or_(*(Transaction.date.between(first, last) for first, last in ranges)),
            )
            .group_by(Transaction.date, Transaction.category, Transaction.subcategory, currency)
        )
    ).all()
    return rows


async def store(
    session: AsyncSession, user_id: int, month: str, version: int, entries: bytes
) -> None:
    """Store a month computed at `version`, unless a newer computation is stored already."""
    statement = insert_for(session, MonthTotals).values(
        user_id=user_id, month=month, computed_version=version, entries=entries
    )
    excluded = statement.excluded
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "month"],
            set_={"computed_version": excluded.computed_version, "entries": excluded.entries},
            where=MonthTotals.computed_version <= excluded.computed_version,
        )
    )


async def mark(session: AsyncSession, user_id: int, months: Collection[str]) -> None:
    """Mark `months` changed at the user's current data version (which the caller's
    database transaction has bumped already)."""
    if not months:
        return
    version = select(User.data_version).where(User.id == user_id).scalar_subquery()
    for month in sorted(months):  # one order, so two writers never deadlock on the rows
        statement = insert_for(session, MonthChange).values(
            user_id=user_id, month=month, changed_version=version
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "month"],
                set_={"changed_version": statement.excluded.changed_version},
            )
        )
