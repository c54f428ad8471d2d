"""The budgets' SQL: the person's lines and settings (what was spent comes from
pattern.totals)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import BudgetLine, BudgetSettings


async def settings_of(session: AsyncSession, user_id: int) -> BudgetSettings | None:
    return await session.get(BudgetSettings, user_id)


async def lines_between(
    session: AsyncSession, user_id: int, first: str, last: str
) -> Sequence[BudgetLine]:
    """The lines of the budget months `first` to `last` (YYYY-MM, inclusive)."""
    rows = await session.scalars(
        select(BudgetLine)
        .where(BudgetLine.user_id == user_id, BudgetLine.month.between(first, last))
        .order_by(BudgetLine.month, BudgetLine.category, BudgetLine.subcategory)
        # Fresh values, not the session's copies: lines are written by upsert_line.
        .execution_options(populate_existing=True)
    )
    return rows.all()


# (month, category, subcategory, amount, rollover) of a line.
LineRow = Row[str, str, str, Any, str]


async def lines_up_to(session: AsyncSession, user_id: int, month: str) -> Sequence[LineRow]:
    """Every line of `month` (YYYY-MM) and before it, as plain rows: what a month's
    figures and its rollover chains are worked out from."""
    rows: Sequence[LineRow] = (
        await session.execute(
            select(
                BudgetLine.month,
                BudgetLine.category,
                BudgetLine.subcategory,
                BudgetLine.amount,
                BudgetLine.rollover,
            ).where(BudgetLine.user_id == user_id, BudgetLine.month <= month)
        )
    ).all()
    return rows


async def upsert_line(
    session: AsyncSession,
    user_id: int,
    month: str,
    key: tuple[str, str],
    amount: Any,
    rollover: str | None,
) -> None:
    """Set a line's amount, and its rollover unless None; in one statement, so two
    requests setting the same new line both succeed."""
    statement = insert_for(session, BudgetLine).values(
        user_id=user_id,
        month=month,
        category=key[0],
        subcategory=key[1],
        amount=amount,
        rollover=rollover or "none",
    )
    changes: dict[str, Any] = {"amount": statement.excluded.amount}
    if rollover is not None:
        changes["rollover"] = statement.excluded.rollover
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "month", "category", "subcategory"], set_=changes
        )
    )


async def upsert_settings(
    session: AsyncSession, user_id: int, start_day: int, income_target: Any
) -> None:
    statement = insert_for(session, BudgetSettings).values(
        user_id=user_id, month_start_day=start_day, income_target=income_target
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id"],
            set_={
                "month_start_day": statement.excluded.month_start_day,
                "income_target": statement.excluded.income_target,
            },
        )
    )


async def delete_line(
    session: AsyncSession, user_id: int, month: str, category: str, subcategory: str
) -> None:
    await session.execute(
        delete(BudgetLine).where(
            BudgetLine.user_id == user_id,
            BudgetLine.month == month,
            BudgetLine.category == category,
            BudgetLine.subcategory == subcategory,
        )
    )
