"""The rules' SQL: a user's rules in order, and applying them to stored transactions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.db import Shown, within
from pattern.models import Account, Item, Transaction, TransactionRule


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


def _same(column: Any, text: str) -> Any:
    return func.lower(func.coalesce(column, "")) == text.lower()


def _matches(rule: TransactionRule) -> Any:
    """The SQL form of pattern.rules.matching.Rule.matches, on Plaid's original values."""
    conditions = []
    if rule.match_name:
        conditions.append(
            _like(func.coalesce(Transaction.original_name, Transaction.name), rule.match_name)
        )
    if rule.match_merchant:
        conditions.append(_same(Transaction.merchant_name, rule.match_merchant))
    if rule.match_category:
        conditions.append(_same(Transaction.original_category, rule.match_category))
    if rule.match_subcategory:
        conditions.append(_same(Transaction.original_subcategory, rule.match_subcategory))
    if rule.min_amount is not None:
        conditions.append(Transaction.amount >= rule.min_amount)
    if rule.max_amount is not None:
        conditions.append(Transaction.amount <= rule.max_amount)
    if rule.match_account_ids:
        conditions.append(Transaction.account_id.in_(rule.match_account_ids))
    return and_(*conditions)


def _relabelling(
    user_id: int, rules: Sequence[TransactionRule], shown: Shown
) -> tuple[dict[str, Any], Any]:
    """The labels each unedited transaction of the user (of the `shown` accounts, when it
    says which) gets from the first of `rules` it matches (else Plaid's), and the
    condition of those whose labels that changes."""
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
    changing = and_(
        Transaction.user_id == user_id,
        within(Transaction.account_id, shown),
        Transaction.manually_updated.is_(False),
        or_(*(getattr(Transaction, field).is_distinct_from(value) for field, value in new.items())),
    )
    return new, changing


async def apply_to_unedited(
    session: AsyncSession, user_id: int, rules: Sequence[TransactionRule], shown: Shown = None
) -> int:
    """One UPDATE over the user's unedited transactions: each gets the labels of the first
    of `rules` it matches, else Plaid's; returns how many changed."""
    new, changing = _relabelling(user_id, rules, shown)
    result = await session.execute(
        update(Transaction)
        .where(changing)
        .values(**new)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def would_change(
    session: AsyncSession,
    user_id: int,
    rules: Sequence[TransactionRule],
    *,
    samples: int,
    shown: Shown = None,
) -> tuple[int, Sequence[Row[Any]]]:
    """What apply_to_unedited would do with `rules`, changing nothing: how many rows, and
    the newest few (id, date, name, amount, category now, name and category then). One
    pass: the count is a window over every changing row, read on the few returned."""
    new, changing = _relabelling(user_id, rules, shown)
    rows = (
        await session.execute(
            select(
                Transaction.id,
                Transaction.date,
                Transaction.name,
                Transaction.amount,
                Transaction.iso_currency_code,
                Transaction.category,
                new["name"].label("new_name"),
                new["category"].label("new_category"),
                func.count().over().label("changing"),
            )
            .where(changing)
            .order_by(Transaction.date.desc(), Transaction.id.desc())
            .limit(samples)
        )
    ).all()
    return (int(rows[0].changing) if rows else 0), rows


async def match_counts(
    session: AsyncSession, user_id: int, rules: Sequence[TransactionRule]
) -> list[int]:
    """How many of the user's transactions each rule matches (whichever rule wins), in one
    pass over their rows."""
    if not rules:
        return []
    counts = [func.count(case((_matches(rule), 1))) for rule in rules]
    row = (await session.execute(select(*counts).where(Transaction.user_id == user_id))).one()
    return [int(value or 0) for value in row]


async def owned_account_ids(session: AsyncSession, user_id: int, ids: Sequence[int]) -> set[int]:
    """Those of `ids` that are the user's accounts."""
    found = await session.scalars(
        select(Account.id)
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id, Account.id.in_(ids))
    )
    return set(found)
