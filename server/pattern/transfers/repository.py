"""The transfers' statements: what counts as a transfer, the matching's candidates, the
pairs with their transactions, and keeping pairs on the rows Plaid posts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from pattern.models import Account, Item, Transaction, TransferPair, TransferRefusal
from pattern.models.accounts import shown_name
from pattern.transfers.matching import TRANSFER_CATEGORIES, Candidate, Match

# A date range, both ends included.
Window = tuple[date, date]


def in_pair(plaid_id: Any = Transaction.plaid_transaction_id) -> ColumnElement[bool]:
    """The transaction is one side of a pair. Uncorrelated, so that PostgreSQL hashes every
    pair's ids once rather than probing the pairs' indexes twice a row (the insights read
    every row of their months)."""
    sides = union_all(
        select(TransferPair.outflow_transaction_id), select(TransferPair.inflow_transaction_id)
    )
    condition: ColumnElement[bool] = plaid_id.in_(sides)
    return condition


def transfer_category(of: Any = Transaction) -> ColumnElement[bool]:
    """The category TRANSFER_IN, TRANSFER_OUT or LOAN_PAYMENTS; or, on a row still in the
    legacy taxonomy (one migration 0013 found no mapping for), "Transfer" with any
    subcategory but "Payroll" (income). `of`: the transactions, or what stands for them
    (pattern.splits.repository.Counted)."""
    category = func.coalesce(of.category, "")
    legacy = func.lower(category)
    legacy_sub = func.lower(func.coalesce(of.subcategory, ""))
    return or_(
        category.in_(TRANSFER_CATEGORIES),
        and_(legacy == "transfer", legacy_sub != "payroll"),
    )


def is_transfer(of: Any = Transaction) -> ColumnElement[bool]:
    """Money moving between the person's own accounts: in a pair, or in a transfer
    category. Never NULL, so NOT() is safe. `of`: as for transfer_category."""
    return or_(transfer_category(of), in_pair(of.plaid_transaction_id))


_CURRENCY = func.coalesce(Transaction.iso_currency_code, Transaction.unofficial_currency_code)
_CANDIDATE_COLUMNS = (
    Transaction.plaid_transaction_id,
    Transaction.account_id,
    Transaction.amount,
    _CURRENCY,
    Transaction.date,
    Transaction.category,
    Transaction.subcategory,
    Account.type,
    Account.subtype,
)


async def unpaired(
    session: AsyncSession, user_id: int, windows: Sequence[Window] | None
) -> list[Candidate]:
    """The user's transactions in no pair, dated in one of `windows` (None: any date)."""
    where = [Transaction.user_id == user_id, Transaction.amount != 0]
    if windows is not None:
        where.append(or_(*(Transaction.date.between(low, high) for low, high in windows)))
    # The paired ones are left out here, not in SQL: a person has a few hundred pairs, and
    # two NOT EXISTS a row made reading a whole history three times slower on SQLite.
    paired = await session.execute(
        select(TransferPair.outflow_transaction_id, TransferPair.inflow_transaction_id).where(
            TransferPair.user_id == user_id
        )
    )
    taken = {plaid_id for row in paired for plaid_id in row}
    connection = await session.connection()
    rows = await connection.execute(
        select(*_CANDIDATE_COLUMNS)
        .join(Account, Account.id == Transaction.account_id)
        .where(*where)
    )
    return [Candidate(*row) for row in rows if row[0] not in taken]


async def refused(session: AsyncSession, user_id: int) -> set[tuple[str, str]]:
    rows = await session.execute(
        select(TransferRefusal.outflow_transaction_id, TransferRefusal.inflow_transaction_id).where(
            TransferRefusal.user_id == user_id
        )
    )
    return {(row[0], row[1]) for row in rows}


async def paired_ids(session: AsyncSession, user_id: int) -> set[str]:
    """The Plaid ids of the user's transactions in a pair."""
    rows = await session.execute(
        select(TransferPair.outflow_transaction_id, TransferPair.inflow_transaction_id).where(
            TransferPair.user_id == user_id
        )
    )
    return {plaid_id for row in rows for plaid_id in row}


async def dates_of(session: AsyncSession, user_id: int, plaid_ids: Collection[str]) -> set[date]:
    """The dates of the user's stored transactions among `plaid_ids`."""
    rows = await session.scalars(
        select(Transaction.date)
        .where(Transaction.user_id == user_id, Transaction.plaid_transaction_id.in_(plaid_ids))
        .distinct()
    )
    return set(rows)


async def add_pairs(
    session: AsyncSession, user_id: int, matches: Sequence[Match], status: str = "auto"
) -> None:
    if matches:
        await session.execute(
            insert(TransferPair),
            [
                {
                    "user_id": user_id,
                    "outflow_transaction_id": match.outflow.plaid_id,
                    "inflow_transaction_id": match.inflow.plaid_id,
                    "status": status,
                }
                for match in matches
            ],
        )


async def refuse(session: AsyncSession, user_id: int, outflow: str, inflow: str) -> None:
    found = await session.scalar(
        select(TransferRefusal.id).where(
            TransferRefusal.outflow_transaction_id == outflow,
            TransferRefusal.inflow_transaction_id == inflow,
        )
    )
    if found is None:
        await session.execute(
            insert(TransferRefusal).values(
                user_id=user_id, outflow_transaction_id=outflow, inflow_transaction_id=inflow
            )
        )


async def forget_refusal(session: AsyncSession, outflow: str, inflow: str) -> None:
    await session.execute(
        delete(TransferRefusal).where(
            TransferRefusal.outflow_transaction_id == outflow,
            TransferRefusal.inflow_transaction_id == inflow,
        )
    )


def _stored(column: Any) -> ColumnElement[bool]:
    return exists().where(Transaction.plaid_transaction_id == column)


async def follow_posted(session: AsyncSession, user_id: int) -> int:
    """Move the user's pairs and refusals from pending transactions Plaid removed to the
    posted ones that replaced them; drop those whose transaction is gone for good, and the
    matching's own pairs whose amounts no longer agree. Returns how many pairs changed."""
    changed = 0
    for model in (TransferPair, TransferRefusal):
        for column in (model.outflow_transaction_id, model.inflow_transaction_id):
            gone = list(
                await session.scalars(
                    select(column).where(model.user_id == user_id, ~_stored(column))
                )
            )
            if not gone:
                continue  # every pass but the few that post or remove a paired transaction
            posted = await session.execute(
                select(Transaction.pending_transaction_id, Transaction.plaid_transaction_id).where(
                    Transaction.user_id == user_id, Transaction.pending_transaction_id.in_(gone)
                )
            )
            for pending_id, posted_id in posted:
                await session.execute(
                    update(model)
                    .where(column == pending_id)
                    .values({column.key: posted_id})
                    .execution_options(synchronize_session=False)
                )
                changed += int(model is TransferPair)
            dropped = await session.execute(
                delete(model)
                .where(model.user_id == user_id, column.in_(gone), ~_stored(column))
                .execution_options(synchronize_session=False)
            )
            changed += dropped.rowcount if model is TransferPair else 0  # type: ignore[attr-defined]
    return changed + await _drop_disagreeing(session, user_id)


async def _drop_disagreeing(session: AsyncSession, user_id: int) -> int:
    """The matching's pairs whose two amounts a later sync made differ."""
    outflow, inflow = aliased(Transaction), aliased(Transaction)
    disagreeing = (
        select(TransferPair.id)
        .join(outflow, outflow.plaid_transaction_id == TransferPair.outflow_transaction_id)
        .join(inflow, inflow.plaid_transaction_id == TransferPair.inflow_transaction_id)
        .where(
            TransferPair.user_id == user_id,
            TransferPair.status == "auto",
            outflow.amount != -inflow.amount,
        )
    )
    ids = list(await session.scalars(disagreeing))
    if ids:
        await session.execute(delete(TransferPair).where(TransferPair.id.in_(ids)))
    return len(ids)


# A pair as the list shows it: each side's transaction with its account and bank.
_OUT, _IN = aliased(Transaction), aliased(Transaction)
_OUT_ACCOUNT, _IN_ACCOUNT = aliased(Account), aliased(Account)
_OUT_ITEM, _IN_ITEM = aliased(Item), aliased(Item)


def _side(tx: Any, account: Any, item: Any) -> list[Any]:
    return [
        tx.id,
        tx.plaid_transaction_id,
        tx.name,
        tx.merchant_name,
        tx.amount,
        tx.iso_currency_code,
        tx.date,
        tx.pending,
        tx.category,
        account.id,
        shown_name(account),
        item.institution_name,
    ]


SIDE_KEYS = (
    "id",
    "plaid_transaction_id",
    "name",
    "merchant_name",
    "amount",
    "iso_currency_code",
    "date",
    "pending",
    "category",
    "account_id",
    "account_name",
    "institution_name",
)


async def pairs_with_transactions(
    session: AsyncSession, user_id: int, *, pair_id: int | None = None
) -> list[tuple[Any, ...]]:
    """(id, status, created_at, *outflow side, *inflow side) of the user's pairs, newest
    transfers first; both sides' columns as SIDE_KEYS."""
    query = (
        select(
            TransferPair.id,
            TransferPair.status,
            TransferPair.created_at,
            *_side(_OUT, _OUT_ACCOUNT, _OUT_ITEM),
            *_side(_IN, _IN_ACCOUNT, _IN_ITEM),
        )
        .join(_OUT, _OUT.plaid_transaction_id == TransferPair.outflow_transaction_id)
        .join(_IN, _IN.plaid_transaction_id == TransferPair.inflow_transaction_id)
        .join(_OUT_ACCOUNT, _OUT_ACCOUNT.id == _OUT.account_id)
        .join(_IN_ACCOUNT, _IN_ACCOUNT.id == _IN.account_id)
        .join(_OUT_ITEM, _OUT_ITEM.id == _OUT_ACCOUNT.item_id)
        .join(_IN_ITEM, _IN_ITEM.id == _IN_ACCOUNT.item_id)
        .where(TransferPair.user_id == user_id)
        .order_by(_OUT.date.desc(), TransferPair.id.desc())
    )
    if pair_id is not None:
        query = query.where(TransferPair.id == pair_id)
    return [tuple(row) for row in await session.execute(query)]


async def pair_of(session: AsyncSession, plaid_id: str) -> TransferPair | None:
    """The pair the transaction is in, if any."""
    found: TransferPair | None = await session.scalar(
        select(TransferPair).where(
            or_(
                TransferPair.outflow_transaction_id == plaid_id,
                TransferPair.inflow_transaction_id == plaid_id,
            )
        )
    )
    return found


async def links_of(session: AsyncSession, plaid_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(plaid id, pair id, status, other transaction's id, its account id and name) of each
    of `plaid_ids` in a pair."""
    if not plaid_ids:
        return []
    other = aliased(Transaction)
    rows: list[tuple[Any, ...]] = []
    for mine, theirs in (
        (TransferPair.outflow_transaction_id, TransferPair.inflow_transaction_id),
        (TransferPair.inflow_transaction_id, TransferPair.outflow_transaction_id),
    ):
        found = await session.execute(
            select(mine, TransferPair.id, TransferPair.status, other.id, Account.id, shown_name())
            .join(other, other.plaid_transaction_id == theirs)
            .join(Account, Account.id == other.account_id)
            .where(mine.in_(plaid_ids))
        )
        rows.extend(tuple(row) for row in found)
    return rows


async def candidates_for(
    session: AsyncSession, transaction: Transaction, *, days: int, limit: int
) -> list[tuple[Any, ...]]:
    """Transactions of the same person that could be the other side of `transaction`: on
    another account, of the opposite sign, within `days`, in no pair; the closest amounts
    first. Rows: (id, name, amount, iso_currency_code, date, account id, account name,
    institution name)."""
    opposite = Transaction.amount < 0 if transaction.amount > 0 else Transaction.amount > 0
    rows = await session.execute(
        select(
            Transaction.id,
            Transaction.name,
            Transaction.amount,
            Transaction.iso_currency_code,
            Transaction.date,
            Account.id,
            shown_name(),
            Item.institution_name,
        )
        .join(Account, Account.id == Transaction.account_id)
        .join(Item, Item.id == Account.item_id)
        .where(
            Transaction.user_id == transaction.user_id,
            Transaction.account_id != transaction.account_id,
            opposite,
            Transaction.date.between(
                date.fromordinal(transaction.date.toordinal() - days),
                date.fromordinal(transaction.date.toordinal() + days),
            ),
            ~in_pair(),
        )
        .order_by(func.abs(Transaction.amount + transaction.amount), Transaction.id)
        .limit(limit)
    )
    return [tuple(row) for row in rows]
