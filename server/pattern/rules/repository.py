"""The rules' SQL: a user's rules in order, and applying them to stored transactions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Transaction, TransactionRule


async def list_for_user(session: AsyncSession, user_id: int) -> Sequence[TransactionRule]:
    """A user's rules, in the order they are tried."""
    rows = await session.scalars(
        select(TransactionRule)
        .where(TransactionRule.user_id == user_id)
        .order_by(TransactionRule.position, TransactionRule.id)
    )
    return rows.all()


async def last_position(session: AsyncSession, user_id: int) -> int | None:
    return await session.scalar(
        select(func.max(TransactionRule.position)).where(TransactionRule.user_id == user_id)
    )


def _like(column: Any, text: str) -> Any:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(func.coalesce(column, "")).like(f"%{escaped}%", escape="\\")


def _matches(rule: TransactionRule) -> Any:
    """The SQL form of pattern.rules.matching.Rule.matches, on Plaid's original values."""
    conditions = []
    if rule.match_name:
        conditions.append(
            _like(func.coalesce(Transaction.original_name, Transaction.name), rule.match_name)
        )
    if rule.match_category:
        conditions.append(
            func.lower(func.coalesce(Transaction.original_category, ""))
            == rule.match_category.lower()
        )
    if rule.match_subcategory:
        conditions.append(
            func.lower(func.coalesce(Transaction.original_subcategory, ""))
            == rule.match_subcategory.lower()
        )
    return and_(*conditions)


async def apply_to_unedited(
    session: AsyncSession, user_id: int, rules: Sequence[TransactionRule]
) -> int:
    """One UPDATE over the user's unedited transactions: each gets the labels of the first
    of `rules` it matches, else Plaid's; returns how many changed."""
    original = {
        "name": func.coalesce(Transaction.original_name, Transaction.name),
        "category": Transaction.original_category,
        "subcategory": Transaction.original_subcategory,
    }

    def labelled(field: str) -> Any:
        whens = [
            (_matches(rule), getattr(rule, f"set_{field}") or original[field]) for rule in rules
        ]
        return case(*whens, else_=original[field]) if whens else original[field]

    new = {field: labelled(field) for field in original}
    result = await session.execute(
        update(Transaction)
        .where(
            Transaction.user_id == user_id,
            Transaction.manually_updated.is_(False),
            or_(
                *(
                    getattr(Transaction, field).is_distinct_from(value)
                    for field, value in new.items()
                )
            ),
        )
        .values(**new)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
