"""The stored month totals' SQL: counting months (or days) of the counted transactions,
storing them, and the marks of the days that changed."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, case, func, literal_column, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.insights.periods import Period
from pattern.insights.repository import counted
from pattern.kit.db import Shown
from pattern.kit.upsert import insert_for
from pattern.models import DayChange, MonthTotals, User
from pattern.net_worth.repository import currency_of
from pattern.splits.repository import Counted

# (date, category, subcategory, currency, spent, spent count, income, income count)
ComputedRow = Row[date, str | None, str | None, str, Any, int, Any, int]

_ZERO: ColumnElement[Any] = literal_column("0")  # a literal, one expression to PostgreSQL
_OUT, _IN = Counted.amount > _ZERO, Counted.amount < _ZERO


async def versions(session: AsyncSession, user_id: int) -> tuple[int, int]:
    """The user's data version, and the version of the latest change to every day."""
    row = (
        await session.execute(
            select(User.data_version, User.totals_reset_version).where(User.id == user_id)
        )
    ).one_or_none()
    return (int(row[0]), int(row[1])) if row else (0, 0)


async def stored_versions(
    session: AsyncSession, user_id: int, months: Collection[str]
) -> dict[str, int]:
    """The computed version of the stored months among `months`."""
    rows = await session.execute(
        select(MonthTotals.month, MonthTotals.computed_version).where(
            MonthTotals.user_id == user_id, MonthTotals.month.in_(months)
        )
    )
    return {month: int(version) for month, version in rows}


async def stored(
    session: AsyncSession, user_id: int, months: Collection[str]
) -> dict[str, tuple[int, bytes]]:
    """(computed version, entries) of the stored months among `months`."""
    rows = await session.execute(
        select(MonthTotals.month, MonthTotals.computed_version, MonthTotals.entries).where(
            MonthTotals.user_id == user_id, MonthTotals.month.in_(months)
        )
    )
    return {month: (int(version), entries) for month, version, entries in rows}


async def changed_days(
    session: AsyncSession, user_id: int, first: date, last: date
) -> Sequence[Row[date, int]]:
    """(day, version of its latest change) of the changed days from `first` to `last`."""
    rows: Sequence[Row[date, int]] = (
        await session.execute(
            select(DayChange.day, DayChange.changed_version).where(
                DayChange.user_id == user_id, DayChange.day.between(first, last)
            )
        )
    ).all()
    return rows


async def computed(
    session: AsyncSession,
    user_id: int,
    ranges: Sequence[tuple[date, date]],
    days: Collection[date] = (),
    shown: Shown = None,
) -> Sequence[ComputedRow]:
    """The counted transactions dated in `ranges` (both ends included) or on `days`,
    totalled by day, category, subcategory and currency; of the `shown` accounts only,
    when it says which."""
    dated = [Counted.date.between(first, last) for first, last in ranges]
    if days:
        dated.append(Counted.date.in_(sorted(days)))
    currency = currency_of(Counted)
    rows: Sequence[ComputedRow] = (
        await session.execute(
            select(
                Counted.date,
                Counted.category,
                Counted.subcategory,
                currency,
                func.sum(case((_OUT, Counted.amount), else_=_ZERO)),
                func.count(case((_OUT, Counted.id))),
                func.sum(case((_IN, -Counted.amount), else_=_ZERO)),
                func.count(case((_IN, Counted.id))),
            )
            .where(
                *counted(user_id, Period(None, None), None, shown),
                or_(*dated),
            )
            .group_by(Counted.date, Counted.category, Counted.subcategory, currency)
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


async def mark_days(session: AsyncSession, user_id: int, days: Collection[date]) -> None:
    """Mark `days` changed at the user's current data version (which the caller's database
    transaction has bumped already). In one order, so two writers never deadlock."""
    if not days:
        return
    version = await session.scalar(select(User.data_version).where(User.id == user_id))
    statement = insert_for(session, DayChange)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "day"],
            set_={"changed_version": statement.excluded.changed_version},
        ),
        # Many rows of parameters: one statement, compiled once, whatever their number.
        [{"user_id": user_id, "day": day, "changed_version": version} for day in sorted(days)],
    )


async def mark_every_day(session: AsyncSession, user_id: int) -> None:
    await session.execute(
        update(User)
        .where(User.id == user_id)
        .values(totals_reset_version=User.data_version)
        .execution_options(synchronize_session=False)
    )
