"""Cash flow's SQL: a month's money in and out, grouped by category and subcategory.

Counted as pattern.insights counts (its `counted`, shared so that both always agree): the
user's own transactions, pending ones included, except hidden ones and transfers between
the person's own accounts; in one currency when the person has several.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, String, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.insights.periods import Period
from pattern.insights.repository import counted
from pattern.models import Transaction

# Literals, not bound values: PostgreSQL must see the same expressions in SELECT and
# GROUP BY, and two parameters are two expressions to it.
_EMPTY: ColumnElement[str] = literal_column("''", String)
_ZERO: ColumnElement[Any] = literal_column("0")
# Names compare in any case, and no name groups with the empty one, as the transactions
# list's category filters match them (pattern.transactions.query).
_CATEGORY = func.lower(func.coalesce(Transaction.category, _EMPTY))
_SUBCATEGORY = func.lower(func.coalesce(Transaction.subcategory, _EMPTY))
_INCOMING = Transaction.amount < _ZERO


def _counted(user_id: int, period: Period, currency: str | None) -> list[ColumnElement[bool]]:
    """As insights count, less the rows of no amount (neither money in nor out)."""
    return [*counted(user_id, period, currency), Transaction.amount != 0]


FlowRow = Row[bool, str, str, str | None, str | None, Any, int]


async def flows(
    session: AsyncSession, user_id: int, period: Period, currency: str | None
) -> Sequence[FlowRow]:
    """(incoming, category key, subcategory key, a category name, a subcategory name,
    money, count) of each direction and (category, subcategory) with counted transactions.
    A key is the name in lower case, '' for none; money is positive both ways."""
    rows: Sequence[FlowRow] = (
        await session.execute(
            select(
                _INCOMING,
                _CATEGORY,
                _SUBCATEGORY,
                func.min(Transaction.category),
                func.min(Transaction.subcategory),
                func.sum(func.abs(Transaction.amount)),
                func.count(Transaction.id),
            )
            .select_from(Transaction)
            .where(*_counted(user_id, period, currency))
            .group_by(_INCOMING, _CATEGORY, _SUBCATEGORY)
        )
    ).all()
    return rows
