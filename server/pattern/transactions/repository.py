"""The transactions' statements: a list's page, its total, its ids, one row, the rows of
an export, and the categories in use. Their WHERE comes from pattern.transactions.query."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    Table,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    select,
    true,
    union,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from pattern.kit.db import Shown, id_in, within
from pattern.models import Account, Item, Transaction, TransactionSplit
from pattern.models.accounts import shown_name
from pattern.models.base import utcnow
from pattern.transactions.query import (
    Scope,
    TransactionQuery,
    Where,
    account_name_matches,
    ordering,
    part_text_matches,
    scope_conditions,
)
from pattern.transactions.schemas import TransactionRead

TRANSACTIONS = cast(Table, Transaction.__table__)
# Ids a bulk edit's statement names at a time.
_CHUNK = 5000

# What a list row carries (TransactionRead), read as plain columns: building ORM entities
# and validating them cost more than PostgreSQL's part of a page of fifty.
_READ_COLUMNS = [
    *(
        column
        for column in Transaction.__table__.columns
        if column.key in TransactionRead.model_fields
    ),
    Transaction.logo_url.is_not(None).label("has_logo"),
    shown_name().label("account_name"),
    Account.item_id,
]


def _with_account() -> Select[Any]:
    """Transactions with their account's name and item, as a list returns them."""
    return select(*_READ_COLUMNS).join(Account, Account.id == Transaction.account_id)


# The names of a list row's values, in order.
READ_KEYS = tuple(select(*_READ_COLUMNS).selected_columns.keys())


async def accounts_matching(session: AsyncSession, scope: Scope, word: str) -> list[int]:
    """The ids of the scope's accounts whose name contains `word`."""
    ids = await session.scalars(
        select(Account.id)
        .join(Item, Item.id == Account.item_id)
        .where(*scope_conditions(scope), account_name_matches(word))
    )
    return list(ids)


# Beyond this many split transactions matching a word, the list's query looks for itself.
MAX_LISTED_SPLITS = 1000


async def split_matching(session: AsyncSession, scope: Scope, word: str) -> list[int] | None:
    """The ids of the scope's split transactions with a part whose text contains `word`;
    None if there are more than MAX_LISTED_SPLITS."""
    ids = await session.scalars(
        select(TransactionSplit.transaction_id)
        .distinct()
        .join(Transaction, Transaction.id == TransactionSplit.transaction_id)
        .join(Account, Account.id == Transaction.account_id)
        .join(Item, Item.id == Account.item_id)
        .where(*scope_conditions(scope), part_text_matches(word))
        # Parts carry their owner: a person's are found by index, not through their rows.
        .where(TransactionSplit.user_id == scope.user_id if scope.user_id else true())
        .limit(MAX_LISTED_SPLITS + 1)
    )
    found = list(ids)
    return None if len(found) > MAX_LISTED_SPLITS else found


async def page(
    session: AsyncSession, where: Where, query: TransactionQuery, *, limit: int, offset: int
) -> Sequence[Row[Any]]:
    """A page of a list's rows (READ_KEYS)."""
    # The page's ids first, from transactions alone (off the index, for a plain list); then
    # its fifty rows joined to their accounts (joined first, PostgreSQL would join every
    # match before sorting them).
    ids = (
        select(Transaction.id)
        .where(*where)
        .order_by(*ordering(query))
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    rows: Sequence[Row[Any]] = (
        await session.execute(
            _with_account().join(ids, ids.c.id == Transaction.id).order_by(*ordering(query))
        )
    ).all()
    return rows


async def count(session: AsyncSession, where: Where) -> int:
    """How many transactions match, counted on the transactions table alone."""
    counted = select(func.count()).select_from(Transaction).where(*where)
    return int(await session.scalar(counted) or 0)


async def ids_in_order(session: AsyncSession, where: Where, query: TransactionQuery) -> array[int]:
    """The ids of every match, in the list's order."""
    matching = select(Transaction.id).where(*where)
    # Through the connection: the ORM would spend more on 100,000 ids than the query does.
    result = await (await session.connection()).execute(matching.order_by(*ordering(query)))
    return array("q", result.scalars())  # 8 bytes an id; a list of ints takes 36


async def bulk_targets(
    session: AsyncSession, where: Where, ids: Sequence[int] | None
) -> Sequence[Row[int, date, str | None]]:
    """(id, date, tags) of the matches; only of `ids` among them, when given."""
    if ids is not None:
        dialect = (await session.connection()).dialect
        where = [*where, id_in(Transaction.id, ids, dialect)]
    rows: Sequence[Row[int, date, str | None]] = (
        await session.execute(
            select(Transaction.id, Transaction.date, Transaction.tags).where(*where)
        )
    ).all()
    return rows


async def set_fields(session: AsyncSession, ids: Sequence[int], values: dict[str, Any]) -> None:
    """The same `values` on each of `ids`, a chunk at a time."""
    dialect = (await session.connection()).dialect
    for start in range(0, len(ids), _CHUNK):
        await session.execute(
            update(Transaction)
            .where(id_in(Transaction.id, ids[start : start + _CHUNK], dialect))
            .values(**values, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )


async def set_tags(session: AsyncSession, tags: dict[int, str | None]) -> None:
    """Each transaction's tags (as stored), in one statement of many rows."""
    if tags:
        await session.execute(
            update(TRANSACTIONS)
            .where(TRANSACTIONS.c.id == bindparam("row_id"))
            .values(tags=bindparam("new_tags"), updated_at=utcnow()),
            [{"row_id": id_, "new_tags": text} for id_, text in tags.items()],
        )


async def read_one(session: AsyncSession, transaction_id: int) -> Row[Any]:
    """One transaction as a list row (READ_KEYS)."""
    row: Row[Any] = (
        await session.execute(_with_account().where(Transaction.id == transaction_id))
    ).one()
    return row


# The CSV export's columns, in order, and what each is read from. A split transaction is
# a row per part, with the part's amount, category, note and tags (its own and the
# transaction's), as insights count it.
_PART = TransactionSplit
_IS_PART = _PART.id.is_not(None)
_SPACE: ColumnElement[str] = literal_column("' '", String)
CSV_SOURCES: dict[str, Any] = {
    "date": Transaction.date,
    "name": Transaction.name,
    "merchant_name": Transaction.merchant_name,
    # As the web app shows it: money out negative, money in positive (Plaid's is the bank's
    # way round, which reads as a refund in a spreadsheet).
    "amount": (-func.coalesce(_PART.amount, Transaction.amount)).label("amount"),
    "iso_currency_code": Transaction.iso_currency_code,
    "category": case((_IS_PART, _PART.category), else_=Transaction.category),
    "subcategory": case((_IS_PART, _PART.subcategory), else_=Transaction.subcategory),
    "account_name": shown_name(),
    "pending": Transaction.pending,
    "original_name": Transaction.original_name,
    "tags": func.trim(  # one space apart
        func.coalesce(Transaction.tags, "").concat(_SPACE).concat(func.coalesce(_PART.tags, ""))
    ),
    "note": func.coalesce(_PART.note, Transaction.note),
    "part": (_PART.position + 1).label("part"),  # 1, 2, ... of a split one; empty if whole
    "id": Transaction.id,
}
_CSV_ID_AT = tuple(CSV_SOURCES).index("id")


async def csv_rows(connection: AsyncConnection, user_id: int, ids: Sequence[int]) -> list[Row[Any]]:
    """The CSV_SOURCES of `ids` (of each part, in order, for a split one), in the order of
    `ids` (a row deleted meanwhile is left out). The owner is checked again: SQLite may give
    a deleted row's id to a new row."""
    found = await connection.execute(
        select(*CSV_SOURCES.values())
        .join(Account, Account.id == Transaction.account_id)
        .outerjoin(_PART, _PART.transaction_id == Transaction.id)
        .where(id_in(Transaction.id, ids, connection.dialect), Transaction.user_id == user_id)
        .order_by(_PART.position)
    )
    by_id: dict[int, list[Row[Any]]] = defaultdict(list)
    for row in found.all():
        by_id[row[_CSV_ID_AT]].append(row)
    return [row for id_ in ids for row in by_id.get(id_, ())]


async def categories_in_use(
    session: AsyncSession, user_id: int, shown: Shown = None
) -> Sequence[Row[str | None, str | None]]:
    """Each distinct (category, subcategory) of the user's shown transactions, and their
    parts, that have a category; of the `shown` accounts only, when it says which."""
    parts = TransactionSplit.user_id == user_id
    if shown is not None:
        parts = and_(
            parts,
            TransactionSplit.transaction_id.in_(
                select(Transaction.id).where(within(Transaction.account_id, shown))
            ),
        )
    rows = await session.execute(
        union(
            select(Transaction.category, Transaction.subcategory).where(
                Transaction.user_id == user_id,
                within(Transaction.account_id, shown),
                Transaction.hidden.is_(False),
                Transaction.category.is_not(None),
            ),
            select(TransactionSplit.category, TransactionSplit.subcategory).where(
                parts, TransactionSplit.category.is_not(None)
            ),
        )
    )
    return rows.all()
