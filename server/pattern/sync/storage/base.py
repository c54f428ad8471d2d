"""What a pass reads and writes, in the SQL both databases share.

A page is written set-based (one upsert for the accounts, one for the transactions, one
delete) in one database transaction with its cursor, so it lands whole or not at all. The
two implementations (postgres.py, sqlite.py) supply what differs: how a page's rows get into
the table, how a page's transaction begins, and the connections a pass gets.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, case, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from pattern.categories.placement import NOWHERE, Placements
from pattern.categories.service import placements
from pattern.models import Account, AccountBalanceHistory, Item, Transaction
from pattern.models.base import Base, utcnow
from pattern.models.transactions import EDITABLE_ORIGINALS
from pattern.net_worth.service import record_today
from pattern.plaid.sync_page import SyncPage, SyncTransaction
from pattern.recurring.store import refresh as refresh_recurring
from pattern.rules.matching import Rule, load_rules
from pattern.splits import repository as split_parts
from pattern.splits import service as splits
from pattern.sync.accounts import SeenAccounts, Stamp
from pattern.sync.pagination import Pagination
from pattern.sync.results import PageCounts
from pattern.sync.rows import JSON, account_row, decimal_of, transaction_row
from pattern.totals.service import refresh_recent
from pattern.transfers.service import match_user
from pattern.users.data_version import EVERY_DAY, item_data_changed, user_data_changed
from pattern.users.today import today_of

OpenConnection = Callable[[], Awaitable[AsyncConnection]]

TRANSACTIONS = cast(Table, Transaction.__table__)

# Fields a sync always takes from Plaid.
REFRESHED = (
    "account_id",
    "pending_transaction_id",
    "plaid_category_id",
    "personal_finance_confidence",
    "legacy_categories",
    "type",
    "merchant_name",
    "merchant_entity_id",
    "logo_url",
    "website",
    "counterparties",
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

# Fields an account takes from Plaid on every write.
ACCOUNT_FIELDS = (
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

# What a posted transaction takes over from its pending one when the person changed it.
EDIT_COLUMNS = (
    Transaction.plaid_transaction_id,
    *(getattr(Transaction, name) for pair in EDITABLE_ORIGINALS.items() for name in pair),
    Transaction.hidden,
    Transaction.manually_updated,
    Transaction.note,
    Transaction.tags,
)


@dataclass(frozen=True)
class StoredItem:
    """What a pass starts from."""

    user_id: int
    cursor: str | None
    access_token_encrypted: str
    pagination: Pagination
    accounts_stamp: Stamp
    # Plaid's transactions_update_status when the last pass ended, and the item's age.
    update_status: str | None = None
    created_at: datetime | None = None
    # What needs the person, when the item's status is bad (ITEM_LOGIN_REQUIRED...).
    error_code: str | None = None


@dataclass
class PageToWrite:
    """A page and what writing it needs besides (see PageStorage.write_page)."""

    item_id: int
    user_id: int
    page: SyncPage
    pagination: Pagination
    rules: Sequence[Rule]
    seen: SeenAccounts
    # The person's edits of transactions earlier pages of the pass removed, by Plaid id.
    removed_edits: dict[str, JSON]
    # Where the person's merged and moved categories put a transaction.
    placements: Placements = NOWHERE


class PageStorage(ABC):
    """Where passes read items and write pages; one implementation per database."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # Sessions on the connection a pass holds: each method is its own transaction.
        self._sessions = async_sessionmaker(expire_on_commit=False)

    # What each database does its own way.

    @abstractmethod
    def hold_item(self, item_id: int) -> AbstractAsyncContextManager[AsyncConnection]:
        """The connection a pass runs on, holding the item against other processes' passes
        where they share the database. The holder must not close it."""

    @abstractmethod
    def claim_item(self, item_id: int) -> AbstractAsyncContextManager[AsyncConnection | None]:
        """hold_item without waiting: None when another process's pass holds the item."""

    @property
    @abstractmethod
    def second_connection(self) -> OpenConnection | None:
        """Where a pass may write a second page while the first is in flight, if anywhere."""

    @abstractmethod
    async def _begin_page(self, session: AsyncSession) -> None:
        """Open the database transaction a page (or only its cursor) is written in."""

    @abstractmethod
    async def _upsert_transactions(self, session: AsyncSession, rows: list[JSON]) -> set[date]:
        """Insert the rows, updating the transactions already there (see _on_conflict);
        returns the dates those had."""

    @abstractmethod
    def _insert(self, model: type[Base]) -> Any:
        """The database's INSERT, the one with ON CONFLICT."""

    # Reads.

    async def read_item(self, connection: AsyncConnection, item_id: int) -> StoredItem | None:
        mine = Account.item_id == Item.id
        async with self._sessions(bind=connection) as session:
            row = (
                await session.execute(
                    select(
                        Item.user_id,
                        Item.transactions_cursor,
                        Item.plaid_access_token_encrypted,
                        Item.transactions_restart_cursor,
                        Item.transactions_pagination,
                        Item.transactions_cut_since,
                        select(func.max(Account.updated_at)).where(mine).scalar_subquery(),
                        select(func.count()).where(mine).scalar_subquery(),
                        Item.transactions_update_status,
                        Item.created_at,
                        Item.error_code,
                    ).where(Item.id == item_id, Item.manual.is_(False))  # no bank: no sync
                )
            ).first()
        if row is None:
            return None
        # Plaid's restart point is where the pagination began: the stored cursor unless an
        # earlier pass stopped in the middle of one.
        pagination = Pagination.stored(
            cursor=row[1], restart_cursor=row[3], number=row[4], cut_since=row[5]
        )
        return StoredItem(
            row[0], row[1], row[2], pagination, (row[6], row[7]), row[8], row[9], row[10]
        )

    async def load_rules(self, connection: AsyncConnection, user_id: int) -> list[Rule]:
        async with self._sessions(bind=connection) as session:
            return await load_rules(session, user_id)

    async def load_placements(self, connection: AsyncConnection, user_id: int) -> Placements:
        async with self._sessions(bind=connection) as session:
            return await placements(session, user_id)

    async def items_due(self, older_than_seconds: float) -> list[int]:
        """Items not synced for a while (the periodic sync, for setups without webhooks)."""
        horizon = utcnow() - timedelta(seconds=older_than_seconds)
        async with self._sessions(bind=self._engine) as session:
            rows = await session.scalars(
                select(Item.id).where(
                    Item.status == "good",
                    Item.archived.is_(False),
                    Item.manual.is_(False),
                    (Item.last_synced_at.is_(None)) | (Item.last_synced_at < horizon),
                )
            )
            return list(rows)

    # Writes, each in a database transaction of its own.

    async def write_accounts(
        self, connection: AsyncConnection, item_id: int, accounts: list[JSON]
    ) -> tuple[dict[str, int], Stamp]:
        """/accounts/get's answer; returns the accounts' ids and their stamp after."""
        async with self._sessions(bind=connection) as session, session.begin():
            ids = await self._upsert_accounts(session, item_id, accounts)
            newest, count = (
                await session.execute(
                    select(func.max(Account.updated_at), func.count()).where(
                        Account.item_id == item_id
                    )
                )
            ).one()
        return ids, (newest, count)

    async def write_page(
        self,
        page: PageToWrite,
        connection: AsyncConnection,
        before: Awaitable[object] | None,
    ) -> PageCounts:
        """The page's accounts (unless `page.seen` has them), transactions and cursor.

        `before`: the write of the page before this one, when it may not have committed
        yet; this page's cursor is written, and committed, only after it (see
        pattern.sync.pipeline). Plaid may remove a pending transaction on one page and add
        the posted one on the next: the person's edits go on with it (`removed_edits`).
        """
        async with self._sessions(bind=connection) as session, session.begin():
            await self._begin_page(session)
            account_ids = await self._page_accounts(session, page)
            days = await self._write_transactions(session, page, account_ids)
            removed = await self._delete_removed(session, page, account_ids, days)
            if before is not None:
                await before  # raises if that page failed: then this one rolls back too
            discarded = await self._store_cursor(session, page.item_id, page.page, page.pagination)
            # Last, so the user's row stays locked only for the commit.
            await user_data_changed(session, page.user_id, days=EVERY_DAY if discarded else days)
        return PageCounts(
            added=len(page.page.added),
            modified=len(page.page.modified),
            removed=removed + discarded,
        )

    async def write_cursor(
        self, connection: AsyncConnection, item_id: int, page: SyncPage, pagination: Pagination
    ) -> int:
        """A page with no transactions, its accounts stored already: only its cursor.
        Returns how many transactions went with attempts cut short."""
        async with self._sessions(bind=connection) as session, session.begin():
            await self._begin_page(session)
            discarded = await self._store_cursor(session, item_id, page, pagination)
            if discarded:
                await item_data_changed(session, item_id, days=EVERY_DAY)
            return discarded

    async def count_transactions(self, connection: AsyncConnection, item_id: int) -> int:
        """How many transactions the item's accounts hold (for the history's progress)."""
        async with self._sessions(bind=connection) as session, session.begin():
            found = await session.scalar(
                select(func.count())
                .select_from(Transaction)
                .join(Account, Account.id == Transaction.account_id)
                .where(Account.item_id == item_id)
            )
            return int(found or 0)

    async def match_transfers(
        self, connection: AsyncConnection, user_id: int, changed_days: Collection[date]
    ) -> int:
        """Match the transfers near the days a pass changed (all of them, the first time)."""
        async with self._sessions(bind=connection) as session, session.begin():
            return await match_user(session, user_id, changed_days)

    async def refresh_recurring(self, connection: AsyncConnection, user_id: int) -> bool:
        """Store the person's recurring streams afresh from what the pass wrote."""
        async with self._sessions(bind=connection) as session, session.begin():
            return await refresh_recurring(session, user_id, await today_of(session, user_id))

    async def refresh_totals(self, connection: AsyncConnection, user_id: int) -> None:
        """Count again what the pass changed in the recent stored months."""
        async with self._sessions(bind=connection) as session, session.begin():
            await refresh_recent(session, user_id, await today_of(session, user_id))

    async def record_net_worth(self, connection: AsyncConnection, user_id: int) -> None:
        async with self._sessions(bind=connection) as session, session.begin():
            await record_today(session, user_id)

    # A page's parts.

    async def _page_accounts(self, session: AsyncSession, page: PageToWrite) -> dict[str, int]:
        seen, accounts = page.seen, page.page.accounts
        if seen.accounts == accounts:
            return seen.ids
        ids = await self._upsert_accounts(session, page.item_id, accounts)
        seen.accounts, seen.ids = accounts, ids
        return ids

    async def _write_transactions(
        self, session: AsyncSession, page: PageToWrite, account_ids: dict[str, int]
    ) -> set[date]:
        """Upserts the added and modified transactions; returns the days they changed
        (their dates, and the ones they had if stored already)."""
        added, modified = page.page.added, page.page.modified
        carried = await self._edits_of_posted_pendings(
            session, page.user_id, added, set(account_ids.values()), page.removed_edits
        )
        now = utcnow()
        rows = [
            transaction_row(
                tx,
                user_id=page.user_id,
                account_id=account_ids[tx.account_id],
                rules=page.rules,
                placements=page.placements,
                edits=carried.get(tx.pending_transaction_id or ""),
                pagination=page.pagination.number,
                now=now,
            )
            for tx in [*added, *modified]
            if tx.account_id in account_ids
        ]
        if not rows:
            return set()
        days = await self._upsert_transactions(session, rows)
        await self._carry_splits(session, page.user_id, added, carried)
        await splits.keep_whole(
            session, page.user_id, [row["plaid_transaction_id"] for row in rows]
        )
        return days | {row["date"] for row in rows}

    @staticmethod
    async def _carry_splits(
        session: AsyncSession, user_id: int, added: list[SyncTransaction], carried: dict[str, JSON]
    ) -> None:
        """The parts of the pending transactions this page posts go to the posted ones."""
        parts = {
            tx.transaction_id: carried[tx.pending_transaction_id]["splits"]
            for tx in added
            if tx.pending_transaction_id in carried
            and carried[tx.pending_transaction_id].get("splits")
        }
        await split_parts.carry(session, user_id, parts)

    def _on_conflict(self, statement: Any) -> Any:
        """Plaid's fields refreshed; the person's edits kept where they differ from Plaid's."""
        excluded = statement.excluded
        target = TRANSACTIONS
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
        return statement.on_conflict_do_update(
            index_elements=["plaid_transaction_id"], set_={**refreshed, **kept_when_edited}
        )

    async def _delete_removed(
        self,
        session: AsyncSession,
        page: PageToWrite,
        account_ids: dict[str, int],
        days: set[date],
    ) -> int:
        """Deletes the page's removed transactions, keeping the person's edits of them;
        adds their dates to `days`. Returns how many Plaid removed."""
        removed_ids = [r.transaction_id for r in page.page.removed if r.transaction_id]
        if not removed_ids:
            return 0
        parts = await split_parts.parts_by_plaid_id(session, page.user_id, removed_ids)
        deleted = (
            await session.execute(
                delete(Transaction)
                .where(
                    Transaction.plaid_transaction_id.in_(removed_ids),
                    Transaction.account_id.in_(list(account_ids.values())),
                )
                .returning(*EDIT_COLUMNS)
            )
        ).all()
        days.update(row.date for row in deleted)
        page.removed_edits.update(_edits(deleted, parts))
        return len(removed_ids)

    async def _edits_of_posted_pendings(
        self,
        session: AsyncSession,
        user_id: int,
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
            select(*EDIT_COLUMNS).where(
                Transaction.plaid_transaction_id.in_(pending_ids),
                Transaction.account_id.in_(account_ids),
                or_(
                    Transaction.manually_updated.is_(True),
                    Transaction.hidden.is_(True),
                    Transaction.note.is_not(None),
                    Transaction.tags.is_not(None),
                    Transaction.id.in_(split_parts.split_ids()),
                ),
            )
        )
        parts = await split_parts.parts_by_plaid_id(session, user_id, pending_ids)
        earlier = {id_: removed[id_] for id_ in pending_ids if id_ in removed}
        return {**earlier, **_edits(rows, parts)}

    async def _store_cursor(
        self, session: AsyncSession, item_id: int, page: SyncPage, pagination: Pagination
    ) -> int:
        """Stores `page`'s cursor; when it ends a pagination that began again, first deletes
        what only the attempts cut short wrote (returns how many)."""
        discarded = 0
        if pagination.discards_after(page):
            discarded = await self._discard_cut_short(session, item_id, pagination)
        await session.execute(
            update(Item).where(Item.id == item_id).values(**pagination.item_values(page))
        )
        return discarded

    @staticmethod
    async def _discard_cut_short(
        session: AsyncSession, item_id: int, pagination: Pagination
    ) -> int:
        """Deletes the item's rows that only attempts cut short wrote. Runs after every
        earlier page of the pass has committed."""
        result: Any = await session.execute(
            delete(Transaction)
            .where(
                Transaction.account_id.in_(select(Account.id).where(Account.item_id == item_id)),
                Transaction.sync_pagination >= pagination.cut_since,
                Transaction.sync_pagination < pagination.number,
            )
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)

    async def _upsert_accounts(
        self, session: AsyncSession, item_id: int, accounts: list[JSON]
    ) -> dict[str, int]:
        """Upserts the accounts, records changed balances; maps Plaid ids to ours."""
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
        if not accounts:
            return {plaid_id: values[0] for plaid_id, values in before.items()}
        now = utcnow()
        rows = [account_row(item_id, account, now) for account in accounts]
        statement = self._insert(Account).values(rows)
        excluded = statement.excluded
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["plaid_account_id"],
                set_={column: getattr(excluded, column) for column in ACCOUNT_FIELDS},
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
            await session.execute(self._insert(AccountBalanceHistory), history)
        await item_data_changed(session, item_id, days=())  # names are searched
        return ids


def _edits(rows: Iterable[Any], parts: dict[str, list[JSON]]) -> dict[str, JSON]:
    """The person's edits of the rows (EDIT_COLUMNS) that have some, with their parts."""
    edits = {
        row.plaid_transaction_id: {**row._mapping, "splits": parts.get(row.plaid_transaction_id)}
        for row in rows
    }
    return {
        plaid_id: edit
        for plaid_id, edit in edits.items()
        if edit["manually_updated"]
        or edit["hidden"]
        or edit["note"]
        or edit["tags"]
        or edit["splits"]
    }
