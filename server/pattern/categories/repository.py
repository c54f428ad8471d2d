"""The categories' SQL: the person's rows, and the rewriting of what names a category when
it is merged, moved to another group or deleted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.db import Shown, within
from pattern.models import BudgetLine, Category, Transaction, TransactionRule, TransactionSplit


async def rows_of(session: AsyncSession, user_id: int) -> Sequence[Category]:
    found = await session.scalars(
        select(Category).where(Category.user_id == user_id).order_by(Category.id)
    )
    return found.all()


def _count(result: Any) -> int:
    return int(result.rowcount or 0)


async def move(session: AsyncSession, user_id: int, code: str, *, group: str, to: str) -> int:
    """Everything that names category `code` names (`group`, `to`) afterwards: the
    transactions, their parts, the rules and the budget lines. Returns how many
    transactions and parts changed."""
    changed = 0
    for table in (Transaction, TransactionSplit):
        result = await session.execute(
            update(table)
            .where(
                table.user_id == user_id,
                table.subcategory == code,
                or_(table.category.is_distinct_from(group), table.subcategory != to),
            )
            .values(category=group, subcategory=to)
            .execution_options(synchronize_session=False)
        )
        changed += _count(result)
    await _move_rules(session, user_id, code, group=group, to=to)
    await _move_budget_lines(session, user_id, code, group=group, to=to)
    return changed


async def _move_rules(
    session: AsyncSession, user_id: int, code: str, *, group: str, to: str
) -> None:
    rule = TransactionRule
    mine = rule.user_id == user_id
    await session.execute(
        update(rule)
        .where(mine, rule.set_subcategory == code)
        .values(set_subcategory=to, set_category=group)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(rule)
        .where(mine, rule.match_subcategory == code)
        .values(
            match_subcategory=to,
            # A rule on the category in its old group would match it nowhere now.
            match_category=case((rule.match_category.is_(None), None), else_=group),
        )
        .execution_options(synchronize_session=False)
    )


async def _move_budget_lines(
    session: AsyncSession, user_id: int, code: str, *, group: str, to: str
) -> None:
    """A line on `code` moves to (`group`, `to`); where that month already has one, the
    amounts are added up in it."""
    lines = (
        await session.scalars(
            select(BudgetLine).where(BudgetLine.user_id == user_id, BudgetLine.subcategory == code)
        )
    ).all()
    for line in lines:
        kept = await session.scalar(
            select(BudgetLine).where(
                BudgetLine.user_id == user_id,
                BudgetLine.month == line.month,
                BudgetLine.category == group,
                BudgetLine.subcategory == to,
                BudgetLine.id != line.id,
            )
        )
        if kept is None:
            line.category, line.subcategory = group, to
        else:
            kept.amount += line.amount
            await session.delete(line)
    await session.flush()


async def back_to_plaid(session: AsyncSession, user_id: int, code: str) -> int:
    """The transactions naming `code` get Plaid's category again, their parts none, and
    the budget lines on it go. Returns how many transactions and parts changed."""
    result = await session.execute(
        update(Transaction)
        .where(Transaction.user_id == user_id, Transaction.subcategory == code)
        .values(
            category=Transaction.original_category, subcategory=Transaction.original_subcategory
        )
        .execution_options(synchronize_session=False)
    )
    changed = _count(result)
    result = await session.execute(
        update(TransactionSplit)
        .where(TransactionSplit.user_id == user_id, TransactionSplit.subcategory == code)
        .values(category=None, subcategory=None)
        .execution_options(synchronize_session=False)
    )
    changed += _count(result)
    await session.execute(
        delete(BudgetLine).where(BudgetLine.user_id == user_id, BudgetLine.subcategory == code)
    )
    return changed


async def rules_naming(session: AsyncSession, user_id: int, code: str) -> int:
    rule = TransactionRule
    found = await session.scalar(
        select(func.count()).where(
            rule.user_id == user_id,
            or_(rule.set_subcategory == code, rule.match_subcategory == code),
        )
    )
    return int(found or 0)


async def group_in_use(session: AsyncSession, user_id: int, code: str) -> bool:
    """Whether a transaction, part, rule or budget line names group `code`."""
    checks = (
        select(Transaction.id).where(Transaction.user_id == user_id, Transaction.category == code),
        select(TransactionSplit.id).where(
            TransactionSplit.user_id == user_id, TransactionSplit.category == code
        ),
        select(BudgetLine.id).where(BudgetLine.user_id == user_id, BudgetLine.category == code),
        select(TransactionRule.id).where(
            TransactionRule.user_id == user_id,
            or_(TransactionRule.set_category == code, TransactionRule.match_category == code),
        ),
    )
    for check in checks:
        if await session.scalar(check.limit(1)) is not None:
            return True
    return False


async def place_unedited(
    session: AsyncSession, user_id: int, places: dict[str, tuple[str, str]], shown: Shown = None
) -> int:
    """Puts the user's unedited transactions (of the `shown` accounts, when it says which)
    where their categories were merged or moved (after the rules were applied again from
    Plaid's values)."""
    changed = 0
    for code, (group, to) in places.items():
        result = await session.execute(
            update(Transaction)
            .where(
                Transaction.user_id == user_id,
                within(Transaction.account_id, shown),
                Transaction.manually_updated.is_(False),
                Transaction.subcategory == code,
                or_(Transaction.category.is_distinct_from(group), Transaction.subcategory != to),
            )
            .values(category=group, subcategory=to)
            .execution_options(synchronize_session=False)
        )
        changed += _count(result)
    return changed
