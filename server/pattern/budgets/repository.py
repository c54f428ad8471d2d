"""The budgets' SQL: the person's lines and settings, and one GROUP BY of the counted
transactions by category, category group and budget month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import case, delete, extract, func, literal_column, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import BudgetLine, BudgetSettings, Transaction
from pattern.net_worth.repository import currency_of
from pattern.transfers.repository import is_transfer

# (category, subcategory, year, month, from the start day on, spent, income)
SpendingRow = tuple[str | None, str | None, int, int, bool, Any, Any]


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


async def rollover_keys_before(
    session: AsyncSession, user_id: int, month: str
) -> Sequence[tuple[str, str, str]]:
    """(month, category, subcategory) of every line before `month` that carries something
    into the next month: the few rows the rollover chains are found from."""
    rows = await session.execute(
        select(BudgetLine.month, BudgetLine.category, BudgetLine.subcategory).where(
            BudgetLine.user_id == user_id,
            BudgetLine.month < month,
            BudgetLine.rollover != "none",
        )
    )
    return [(m, c, s) for m, c, s in rows]


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


async def spending_by_budget_month(
    session: AsyncSession,
    user_id: int,
    start: date,
    end: date,
    start_day: int,
    currency: str | None,
) -> list[SpendingRow]:
    """Spending and income of each category in each calendar month, split at the start
    day: a row of (year, month, False) belongs to the budget month before (year, month).

    Counted as in the insights: the user's transactions from `start` to `end`, pending
    ones included, not hidden, not transfers; in `currency` when it is not None.
    """
    # A literal, not a bound value: PostgreSQL must see the same expression in SELECT and
    # GROUP BY. start_day is an int from 1 to 28.
    late = extract("day", Transaction.date) >= literal_column(str(int(start_day)))
    year, month = extract("year", Transaction.date), extract("month", Transaction.date)
    where = [
        Transaction.user_id == user_id,
        Transaction.hidden.is_(False),
        not_(is_transfer()),
        Transaction.date >= start,
        Transaction.date <= end,
    ]
    if currency is not None:
        where.append(currency_of(Transaction) == currency)
    rows = await session.execute(
        select(
            Transaction.category,
            Transaction.subcategory,
            year,
            month,
            late,
            func.sum(case((Transaction.amount > 0, Transaction.amount), else_=0)),
            func.sum(case((Transaction.amount < 0, -Transaction.amount), else_=0)),
        )
        .select_from(Transaction)
        .where(*where)
        .group_by(Transaction.category, Transaction.subcategory, year, month, late)
    )
    return [(c, s, int(y), int(m), bool(lt), out, inc) for c, s, y, m, lt, out, inc in rows]
