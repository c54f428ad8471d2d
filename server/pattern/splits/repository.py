"""The splits' SQL: the parts of transactions, and what is counted where a transaction has
parts (each part in its place)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from pattern.models import Transaction, TransactionSplit

# A part as the sync carries it from a pending transaction to the posted one.
PART_FIELDS = ("position", "amount", "category", "subcategory", "note", "tags")
Part = dict[str, Any]


def _counted_rows() -> Any:
    """Every transaction with no parts, and every part of the others in the transaction's
    place: its amount, category and subcategory; the rest is the transaction's."""
    part = TransactionSplit
    is_part = part.id.is_not(None)
    return (
        select(
            Transaction.id,
            Transaction.user_id,
            Transaction.account_id,
            Transaction.plaid_transaction_id,
            Transaction.date,
            Transaction.hidden,
            Transaction.pending,
            Transaction.name,
            Transaction.merchant_name,
            Transaction.iso_currency_code,
            Transaction.unofficial_currency_code,
            func.coalesce(part.amount, Transaction.amount).label("amount"),
            case((is_part, part.category), else_=Transaction.category).label("category"),
            case((is_part, part.subcategory), else_=Transaction.subcategory).label("subcategory"),
            part.id.label("part_id"),
        )
        .outerjoin(part, part.transaction_id == Transaction.id)
        .subquery("counted")
    )


_COUNTED = _counted_rows()
# What insights, budgets and cash flow count, as if it were the transactions table: a
# transaction with parts is there once per part (docs/adr/0026-splits-counted-by-part.md).
Counted = aliased(Transaction, _COUNTED, adapt_on_names=True)
# The part a counted row is, or NULL for a whole transaction.
COUNTED_PART_ID: ColumnElement[int | None] = _COUNTED.c.part_id


def split_ids() -> Select[Any]:
    """The ids of the transactions that have parts (uncorrelated: hashed once)."""
    return select(TransactionSplit.transaction_id)


def parts_matching(*where: ColumnElement[bool]) -> Select[Any]:
    """The ids of the transactions with a part that matches `where` (on Counted)."""
    return select(Counted.id).where(COUNTED_PART_ID.is_not(None), *where)


def parts_tagged(condition: ColumnElement[bool]) -> Select[Any]:
    """The ids of the transactions with a part whose tags meet `condition`."""
    return select(TransactionSplit.transaction_id).where(condition)


async def parts_of(
    session: AsyncSession, transaction_ids: Collection[int]
) -> dict[int, list[TransactionSplit]]:
    """The parts of each of the transactions that have some, in order."""
    if not transaction_ids:
        return {}
    found = await session.scalars(
        select(TransactionSplit)
        .where(TransactionSplit.transaction_id.in_(list(transaction_ids)))
        .order_by(TransactionSplit.transaction_id, TransactionSplit.position)
    )
    parts: dict[int, list[TransactionSplit]] = defaultdict(list)
    for part in found:
        parts[part.transaction_id].append(part)
    return parts


async def replace(
    session: AsyncSession, transaction_id: int, user_id: int, parts: Sequence[Part]
) -> None:
    """The transaction's parts become `parts` (PART_FIELDS each); none: it is whole again."""
    await remove(session, transaction_id)
    if parts:
        await session.execute(
            insert(TransactionSplit),
            [{**part, "transaction_id": transaction_id, "user_id": user_id} for part in parts],
        )


async def remove(session: AsyncSession, transaction_id: int) -> int:
    result: Any = await session.execute(
        delete(TransactionSplit).where(TransactionSplit.transaction_id == transaction_id)
    )
    return int(result.rowcount or 0)


async def parts_by_plaid_id(
    session: AsyncSession, user_id: int, plaid_ids: Collection[str]
) -> dict[str, list[Part]]:
    """The parts of the user's transactions Plaid knows by `plaid_ids`, as the sync carries
    them. Starts from the user's parts: next to nothing for a person who split none."""
    if not plaid_ids:
        return {}
    fields = [getattr(TransactionSplit, name) for name in PART_FIELDS]
    rows = await session.execute(
        select(Transaction.plaid_transaction_id, *fields)
        .join(Transaction, Transaction.id == TransactionSplit.transaction_id)
        .where(
            TransactionSplit.user_id == user_id,
            Transaction.plaid_transaction_id.in_(list(plaid_ids)),
        )
        .order_by(TransactionSplit.transaction_id, TransactionSplit.position)
    )
    parts: dict[str, list[Part]] = defaultdict(list)
    for plaid_id, *values in rows:
        parts[plaid_id].append(dict(zip(PART_FIELDS, values, strict=True)))
    return parts


async def carry(session: AsyncSession, user_id: int, parts: Mapping[str, Sequence[Part]]) -> None:
    """Gives the transactions Plaid knows by the keys of `parts` those parts (a posted
    transaction taking over its pending one's)."""
    if not parts:
        return
    ids = dict(
        (
            await session.execute(
                select(Transaction.plaid_transaction_id, Transaction.id).where(
                    Transaction.plaid_transaction_id.in_(list(parts))
                )
            )
        ).all()
    )
    for plaid_id, its_parts in parts.items():
        if plaid_id in ids:
            await replace(session, ids[plaid_id], user_id, its_parts)


async def amounts_to_share(
    session: AsyncSession, user_id: int, plaid_ids: Collection[str]
) -> dict[int, tuple[Decimal, list[tuple[int, Decimal]]]]:
    """Of the user's transactions Plaid knows by `plaid_ids` that have parts: each one's
    amount and its parts' (id, amount), in order. Starts from the user's parts, so it costs
    next to nothing for a person who split none."""
    if not plaid_ids:
        return {}
    rows = await session.execute(
        select(Transaction.id, Transaction.amount, TransactionSplit.id, TransactionSplit.amount)
        .join(Transaction, Transaction.id == TransactionSplit.transaction_id)
        .where(
            TransactionSplit.user_id == user_id,
            Transaction.plaid_transaction_id.in_(list(plaid_ids)),
        )
        .order_by(TransactionSplit.transaction_id, TransactionSplit.position)
    )
    found: dict[int, tuple[Decimal, list[tuple[int, Decimal]]]] = {}
    for transaction_id, whole, part_id, amount in rows:
        found.setdefault(transaction_id, (whole, []))[1].append((part_id, amount))
    return found


async def set_amounts(session: AsyncSession, amounts: Mapping[int, Decimal]) -> None:
    for part_id, amount in amounts.items():
        await session.execute(
            update(TransactionSplit).where(TransactionSplit.id == part_id).values(amount=amount)
        )
