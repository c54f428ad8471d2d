"""Writes one /transactions/sync page: accounts, added, modified, removed and the cursor.

Set-based: one upsert for the accounts, one for the transactions, one delete; the caller
runs it inside one database transaction so a page lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, case, column, delete, select, table, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import Account, AccountBalanceHistory, Item, Transaction
from pattern.models.base import utcnow
from pattern.models.transactions import EDITABLE_ORIGINALS
from pattern.plaid.sync_page import SyncPage, SyncTransaction
from pattern.rules.matching import Rule
from pattern.sync.pagination import Pagination, discard_cut_short
from pattern.sync.results import PageCounts
from pattern.sync.rows import account_row, decimal_of, transaction_row
from pattern.users.data_version import item_data_changed, user_data_changed

JSON = dict[str, Any]

# Fields a sync always takes from Plaid.
REFRESHED = (
    "account_id",
    "pending_transaction_id",
    "plaid_category_id",
    "personal_finance_category",
    "personal_finance_detailed",
    "personal_finance_confidence",
    "type",
    "merchant_name",
    "amount",
    "iso_currency_code",
    "unofficial_currency_code",
    "authorized_date",
    "pending",
    "account_owner",
    "original_name",
    "original_category",
    "original_subcategory",
    "original_date",
    "sync_pagination",
    "updated_at",
)


@dataclass
class SeenAccounts:
    """The accounts a pass last wrote: pages repeat them, so unchanged ones are not rewritten."""

    accounts: list[JSON] | None = None
    ids: dict[str, int] = field(default_factory=dict)


async def write_page(
    session: AsyncSession,
    *,
    item_id: int,
    user_id: int,
    page: SyncPage,
    rules: Sequence[Rule],
    seen: SeenAccounts | None = None,
    before: Awaitable[object] | None = None,
    removed_edits: dict[str, JSON] | None = None,
    pagination: Pagination | None = None,
) -> PageCounts:
    """`before`: the write of the page before this one, when it may not have committed yet;
    this page's cursor is written, and committed, only after it (see pattern.sync.pipeline).

    `removed_edits`: the person's edits of transactions that earlier pages of the pass
    removed, by Plaid id. Plaid may remove a pending transaction on one page and add the
    posted one on the next: the edits go on with it. This page adds to it.

    `pagination`: the one this page is part of (default: a first, whole one)."""
    pagination = pagination or Pagination(began_at="", number=1)
    if session.get_bind().dialect.name == "postgresql":
        # The page and its cursor commit together, atomically, with or without this:
        # an asynchronous commit only risks losing the last few pages on an OS or server
        # crash, and then their cursor is lost with them, so the next pass fetches them
        # again from the older cursor (and the upsert is idempotent). It saves waiting
        # for a WAL flush per page. (This also opens the database transaction.)
        await session.execute(text("SET LOCAL synchronous_commit = off"))
    accounts = page.accounts
    if seen is not None and seen.accounts == accounts:
        account_ids = seen.ids
    else:
        account_ids = await upsert_accounts(session, item_id, accounts)
        if seen is not None:
            seen.accounts, seen.ids = accounts, account_ids
    added, modified = page.added, page.modified
    carried = await _edits_of_posted_pendings(
        session, added, set(account_ids.values()), removed_edits or {}
    )
    now = utcnow()
    rows = [
        transaction_row(
            tx,
            user_id=user_id,
            account_id=account_ids[tx.account_id],
            rules=rules,
            edits=carried.get(tx.pending_transaction_id or ""),
            pagination=pagination.number,
            now=now,
        )
        for tx in [*added, *modified]
        if tx.account_id in account_ids
    ]
    await _upsert_transactions(session, rows)
    removed_ids = [r.transaction_id for r in page.removed if r.transaction_id]
    if removed_ids:
        deleted = await session.execute(
            delete(Transaction)
            .where(
                Transaction.plaid_transaction_id.in_(removed_ids),
                Transaction.account_id.in_(list(account_ids.values())),
            )
            .returning(*_EDIT_COLUMNS)
        )
        if removed_edits is not None:
            removed_edits.update(_edits(deleted))
    if before is not None:
        await before  # raises if that page failed: then this one rolls back too
    discarded = await write_cursor(session, item_id, page, pagination)
    # Last, so the user's row stays locked only for the commit.
    await user_data_changed(session, user_id)
    return PageCounts(
        added=len(added), modified=len(modified), removed=len(removed_ids) + discarded
    )


async def write_cursor(
    session: AsyncSession, item_id: int, page: SyncPage, pagination: Pagination
) -> int:
    """Stores `page`'s cursor; when it ends a pagination that began again, first deletes
    what only the attempts cut short wrote (returns how many)."""
    discarded = await discard_cut_short(session, item_id, pagination, page)
    await session.execute(
        update(Item).where(Item.id == item_id).values(**pagination.item_values(page))
    )
    return discarded


async def upsert_accounts(
    session: AsyncSession, item_id: int, accounts: list[JSON]
) -> dict[str, int]:
    """Upserts the page's accounts, records changed balances; maps Plaid ids to ours."""
    before = {
        row.plaid_account_id: (row.id, row.current_balance, row.available_balance)
        for row in await session.execute(
            select(
                Account.plaid_account_id,
                Account.id,
                Account.current_balance,
                Account.available_balance,
            ).where(Account.item_id == item_id)
        )
    }
    if accounts:
        now = utcnow()
        rows = [account_row(item_id, account, now) for account in accounts]
        statement = insert_for(session, Account).values(rows)
        excluded = statement.excluded
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["plaid_account_id"],
                set_={
                    column: getattr(excluded, column)
                    for column in (
                        "name",
                        "mask",
                        "official_name",
                        "current_balance",
                        "available_balance",
                        "credit_limit",
                        "iso_currency_code",
                        "unofficial_currency_code",
                        "type",
                        "subtype",
                        "updated_at",
                    )
                },
                # An account never moves between items.
                where=Account.item_id == excluded.item_id,
            )
        )
        result = await session.execute(
            select(Account.plaid_account_id, Account.id).where(Account.item_id == item_id)
        )
        ids: dict[str, int] = dict(result.all())
        history = [
            {
                "account_id": ids[row["plaid_account_id"]],
                "recorded_at": now,
                "current_balance": row["current_balance"],
                "available_balance": row["available_balance"],
                "iso_currency_code": row["iso_currency_code"],
            }
            for row in rows
            if row["plaid_account_id"] in ids
            and before.get(row["plaid_account_id"], (None, None, None))[1:]
            != (decimal_of(row["current_balance"]), decimal_of(row["available_balance"]))
        ]
        if history:
            await session.execute(insert_for(session, AccountBalanceHistory), history)
        await item_data_changed(session, item_id)  # names are searched
        return ids
    return {plaid_id: values[0] for plaid_id, values in before.items()}


# What a posted transaction takes over from its pending one when the person changed it.
_EDIT_COLUMNS = (
    Transaction.plaid_transaction_id,
    *(getattr(Transaction, name) for pair in EDITABLE_ORIGINALS.items() for name in pair),
    Transaction.hidden,
    Transaction.manually_updated,
)


def _edits(rows: Iterable[Any]) -> dict[str, JSON]:
    return {
        row.plaid_transaction_id: dict(row._mapping)
        for row in rows
        if row.manually_updated or row.hidden
    }


async def _edits_of_posted_pendings(
    session: AsyncSession,
    added: list[SyncTransaction],
    account_ids: set[int],
    removed: dict[str, JSON],
) -> dict[str, JSON]:
    """The person's edits on pending transactions that this page posts, to carry over:
    stored ones, or ones an earlier page of the pass removed (`removed`)."""
    pending_ids = [tx.pending_transaction_id for tx in added if tx.pending_transaction_id]
    if not pending_ids:
        return {}
    rows = await session.execute(
        select(*_EDIT_COLUMNS).where(
            Transaction.plaid_transaction_id.in_(pending_ids),
            Transaction.account_id.in_(account_ids),
            (Transaction.manually_updated.is_(True)) | (Transaction.hidden.is_(True)),
        )
    )
    earlier = {id_: removed[id_] for id_ in pending_ids if id_ in removed}
    return {**earlier, **_edits(rows)}


# A page is staged here with COPY, then upserted in one INSERT ... SELECT. The table is
# the connection's own and empties itself at every commit or rollback (a rollback drops
# it altogether when the same transaction created it; the next page creates it again).
STAGING = "pattern_sync_page"


async def _upsert_transactions(session: AsyncSession, rows: list[JSON]) -> None:
    if not rows:
        return
    target = cast(Table, Transaction.__table__)
    columns = list(rows[0])
    if session.get_bind().dialect.name == "postgresql":
        # Binary COPY into a staging table: asyncpg encodes records in C, where array
        # parameters (INSERT ... SELECT FROM unnest) cost ~3x more, checking every element.
        # write_page has opened the database transaction these must run in.
        connection = await session.connection()
        raw = await connection.get_raw_connection()
        driver: Any = raw.driver_connection
        await driver.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGING} ON COMMIT DELETE ROWS"
            f" AS SELECT {', '.join(columns)} FROM transactions WITH NO DATA"
        )
        await driver.copy_records_to_table(
            STAGING, columns=columns, records=[tuple(row.values()) for row in rows]
        )
        staged = table(STAGING, *(column(name) for name in columns))
        statement: Any = postgresql.insert(target).from_select(
            columns, select(*(staged.c[name] for name in columns))
        )
        parameters: Any = None
    else:
        statement = sqlite.insert(target)  # Core executemany: the driver loops in C
        parameters = rows
    excluded = statement.excluded
    kept_when_edited = {
        field: case(
            (
                target.c.manually_updated.is_(True)
                & target.c[field].is_distinct_from(target.c[original]),
                target.c[field],
            ),
            else_=excluded[field],
        )
        for field, original in EDITABLE_ORIGINALS.items()
    }
    refreshed = {name: excluded[name] for name in REFRESHED}
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["plaid_transaction_id"], set_={**refreshed, **kept_when_edited}
        ),
        parameters,
    )
