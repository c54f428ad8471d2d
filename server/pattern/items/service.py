"""Linking an item (token exchange with the duplicate check), its status, removal, syncs."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.institutions.service import Institutions
from pattern.items import repository
from pattern.items import status as status_writes
from pattern.items.schemas import ItemRead, SyncReport
from pattern.kit.config import PlaidEnv, Settings
from pattern.kit.crypto import TokenCipher
from pattern.kit.db import after_commit, on_rollback, release_connection
from pattern.kit.errors import BadRequest, Conflict, NotFound
from pattern.kit.sockets import UserEvents
from pattern.link.service import webhook_url
from pattern.models import Item, User
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError
from pattern.sync.engine import SyncEngine, SyncResult
from pattern.sync.sync_pass import HISTORY_COMING
from pattern.users.data_version import EVERY_DAY, user_data_changed

logger = logging.getLogger(__name__)

DUPLICATE = (
    "You have already linked an item at this institution. For accounts opened there since, "
    'choose "Add accounts" on its card.'
)
# What Plaid answers when it will not ask the bank: the client's Plaid account lacks the
# Transactions Refresh add-on (INVALID_PRODUCT; production without it), or the item lacks
# the product or the bank does not support it.
REFRESH_REFUSED = frozenset({"INVALID_PRODUCT", "PRODUCT_NOT_ENABLED", "PRODUCTS_NOT_SUPPORTED"})


async def list_items(session: AsyncSession, user_id: int) -> Sequence[Item]:
    return await repository.list_for_user(session, user_id)


def history_coming(item: Item) -> bool:
    """Whether Plaid is still gathering the item's history (the server polls meanwhile)."""
    return item.transactions_update_status in HISTORY_COMING


async def read_items(session: AsyncSession, items: Sequence[Item]) -> list[ItemRead]:
    """The items as the API shows them: with why the last sync failed, and how many
    transactions each whose history is still coming holds so far."""
    counts = await repository.transaction_counts(
        session, [item.id for item in items if history_coming(item)]
    )
    sync_errors = await repository.sync_errors(session, [item.id for item in items])
    read = []
    for item in items:
        shown = ItemRead.model_validate(item)
        shown.sync_error_code = sync_errors.get(item.id)
        if history_coming(item):
            shown.transactions_so_far = counts.get(item.id, 0)
        read.append(shown)
    return read


async def read_shared_items(
    session: AsyncSession, items: Sequence[Item], shown: Collection[int]
) -> list[ItemRead]:
    """To a member of a share (pattern.households): the banks of the shared accounts,
    without what concerns the owner alone (new accounts to add, a whole bank's count)."""
    with_shared = await repository.items_of_accounts(session, shown)
    read = await read_items(session, [item for item in items if item.id in with_shared])
    hidden = {"transactions_so_far": None, "new_accounts_available": False}
    return [item.model_copy(update=hidden) for item in read]


async def set_status(session: AsyncSession, item: Item, status: str) -> Item:
    return await status_writes.set_status(session, item, status)


def _audit(
    session: AsyncSession, action: AuditAction, item: tuple[int, int, str], *, actor_id: int
) -> None:
    """An item (id, owner, institution) linked or removed, in its owner's audit log (by
    its owner or an administrator)."""
    item_id, owner_id, institution = item
    audit.record(
        session,
        actor_id=actor_id,
        action=action,
        target_user_id=owner_id,
        detail={"item": item_id, "institution": institution},
    )


def report(result: SyncResult) -> SyncReport:
    return SyncReport(
        item_id=result.item_id,
        status="SYNC_HAPPENED" if result.ok else "SYNC_ERROR",
        added=result.counts.added,
        modified=result.counts.modified,
        removed=result.counts.removed,
        error_code=result.error_code,
    )


class Items:
    """Items at Plaid: linking, removal, re-login and syncs, with what each needs."""

    def __init__(
        self,
        settings: Settings,
        *,
        plaid: PlaidClient,
        cipher: TokenCipher,
        institutions: Institutions,
        sync: SyncEngine,
        events: UserEvents,
    ) -> None:
        self._settings = settings
        self._plaid = plaid
        self._cipher = cipher
        self._institutions = institutions
        self._sync = sync
        self._events = events

    async def link(
        self,
        session: AsyncSession,
        user: User,
        *,
        public_token: str,
        claimed_institution_id: str | None,
    ) -> Item:
        """Exchange a public token for an item; refuse a second item at the same institution.

        The institution is the one Plaid names for the item: the client's claim only saves an
        exchange when it already names a linked institution. Whatever fails after the
        exchange, the item is removed at Plaid again (db.on_rollback), so none is left there
        unused.
        """
        user_id = user.id  # a rollback below expires the ORM object
        # Checked before the exchange, as Plaid's Pattern does, so no access token is created.
        if claimed_institution_id and await repository.find_by_institution(
            session, user_id, claimed_institution_id
        ):
            raise Conflict(DUPLICATE, code="duplicate_item")
        await release_connection(session)
        exchanged = await self._plaid.exchange_public_token(public_token, user_id=user_id)
        access_token = exchanged["access_token"]

        async def remove_at_plaid() -> None:
            await self._remove_quietly(access_token, user_id)

        on_rollback(session, remove_at_plaid)
        plaid_item = (await self._plaid.get_item(access_token, user_id=user_id))["item"]
        institution_id, institution_name = await self._institution_of(plaid_item)
        if await repository.find_by_institution(session, user_id, institution_id):
            raise Conflict(DUPLICATE, code="duplicate_item")
        webhook = await self._webhook_here(access_token, user_id, plaid_item.get("webhook"))
        item = Item(
            user_id=user_id,
            plaid_access_token_encrypted=self._cipher.encrypt(access_token),
            plaid_item_id=exchanged["item_id"],
            plaid_institution_id=institution_id,
            institution_name=institution_name,
            status="good",
            webhook_url=webhook,
        )
        session.add(item)
        try:
            await session.flush()
        except IntegrityError as exc:
            # A concurrent request linked this institution first.
            raise Conflict(DUPLICATE, code="duplicate_item") from exc
        item_id = item.id
        named = (item_id, user_id, institution_name or institution_id)
        _audit(session, AuditAction.ITEM_LINKED, named, actor_id=user_id)
        # Recorded with the item: once the link is answered, its first sync cannot be lost.
        await self._sync.record(session, item_id, "link")

        async def start_initial_sync() -> None:
            self._sync.wake()

        after_commit(session, start_initial_sync)
        return item

    async def _webhook_here(self, access_token: str, user_id: int, current: object) -> str | None:
        """Where the new item's webhooks go: this server's address when it has one. An item
        made elsewhere (/sandbox/public_token/create, a link token of an older address) is
        moved here (/item/webhook/update); when Plaid refuses, it stays where it was (items
        follow the address at the next start, pattern.items.webhooks) and the server polls
        for its history meanwhile."""
        at_plaid = current if isinstance(current, str) and current else None
        url = await webhook_url(self._settings)
        if url is None or url == at_plaid:
            return at_plaid
        try:
            await self._plaid.update_item_webhook(access_token, url, user_id=user_id, item_id=None)
        except PlaidApiError as error:
            logger.warning("could not move a new item's webhooks here: %s", error.error_code)
            return at_plaid
        return url

    async def _institution_of(self, item: dict[str, object]) -> tuple[str, str | None]:
        """The id and name of the item's institution, as Plaid's /item/get gives them."""
        institution_id = item.get("institution_id")
        if not isinstance(institution_id, str) or not institution_id:
            raise PlaidApiError.unexpected("/item/get named no institution for the item")
        name = item.get("institution_name")
        if not isinstance(name, str):
            name = await self._institution_name(institution_id)
        return institution_id, name

    async def _institution_name(self, institution_id: str) -> str | None:
        try:
            return str((await self._institutions.get(institution_id))["name"])
        except (PlaidApiError, NotFound):
            return None

    async def _remove_quietly(self, access_token: str, user_id: int) -> None:
        try:
            await self._plaid.remove_item(access_token, user_id=user_id, item_id=None)
        except PlaidApiError:
            logger.warning("could not remove at Plaid an item whose link failed")

    async def remove(self, session: AsyncSession, item: Item, *, actor_id: int) -> None:
        """Remove the item at Plaid, then with its accounts and transactions here."""
        item_id, user_id = item.id, item.user_id
        named = (item_id, user_id, item.institution_name or item.plaid_institution_id)
        access_token = self._cipher.decrypt(item.plaid_access_token_encrypted)
        await release_connection(session)
        try:
            await self._plaid.remove_item(access_token, user_id=user_id, item_id=item_id)
        except PlaidApiError as error:
            # Already gone at Plaid: nothing left to undo there.
            if error.error_code not in {"ITEM_NOT_FOUND", "INVALID_ACCESS_TOKEN"}:
                raise
        await repository.delete(session, item_id)
        _audit(session, AuditAction.ITEM_REMOVED, named, actor_id=actor_id)
        await user_data_changed(session, user_id, days=EVERY_DAY)

    async def remove_all_at_plaid(self, session: AsyncSession, user_id: int) -> None:
        """Remove every item of a user at Plaid (their rows go with the user); one that
        fails is logged, not retried."""
        tokens = [
            (item.id, self._cipher.decrypt(item.plaid_access_token_encrypted))
            for item in await repository.list_for_user(session, user_id)
        ]
        await release_connection(session)
        for item_id, access_token in tokens:
            try:
                await self._plaid.remove_item(access_token, user_id=user_id, item_id=item_id)
            except PlaidApiError:
                logger.warning("could not remove item %s at Plaid while deleting its user", item_id)

    async def reset_login(self, session: AsyncSession, item: Item) -> None:
        """Sandbox only: make the item need a new login, as a real bank eventually does."""
        if self._plaid.environment is PlaidEnv.PRODUCTION:
            raise BadRequest("Resetting a login is only possible in sandbox and the emulator.")
        item_id, user_id = item.id, item.user_id
        access_token = self._cipher.decrypt(item.plaid_access_token_encrypted)
        await release_connection(session)
        await self._plaid.reset_login(access_token, user_id=user_id, item_id=item_id)

    async def refresh_now(self, session: AsyncSession, item: Item) -> SyncReport:
        """A person's Refresh: ask the bank through Plaid for new transactions (they arrive
        by webhook, then live), and sync what Plaid has now whatever Plaid answered."""
        bank = item.institution_name or "your bank"
        item_id, user_id = item.id, item.user_id
        access_token = self._cipher.decrypt(item.plaid_access_token_encrypted)
        await release_connection(session)
        asked = await self._ask_bank(access_token, bank, user_id=user_id, item_id=item_id)
        sync_report = await self.sync_now(session, item_id)
        return sync_report.model_copy(update=asked)

    async def _ask_bank(
        self, access_token: str, bank: str, *, user_id: int, item_id: int
    ) -> dict[str, str]:
        """The report's bank_refresh, its message for people and Plaid's code if it failed."""
        try:
            await self._plaid.refresh_transactions(access_token, user_id=user_id, item_id=item_id)
        except PlaidApiError as error:
            code = {"bank_refresh_error": error.error_code}
            if error.error_code in REFRESH_REFUSED:
                return code | {
                    "bank_refresh": "refused",
                    "message": f"Plaid cannot ask {bank} for new transactions on demand: this "
                    "server's Plaid account does not include Transactions Refresh. Plaid still "
                    f"checks {bank} several times a day; what it has now was synced.",
                }
            logger.warning("plaid refused to refresh item %s: %s", item_id, error.error_code)
            return code | {
                "bank_refresh": "failed",
                "message": f"Could not ask {bank} for new transactions just now; what Plaid "
                "has now was synced. Try Refresh again later.",
            }
        return {
            "bank_refresh": "asked",
            "message": f"Asked {bank} for new transactions: they appear here as soon as the "
            "bank sends them.",
        }

    async def accounts_added(self, session: AsyncSession, item: Item) -> SyncReport:
        """The person chose accounts to add in Link (update mode with account selection):
        sync them and their transactions in, and stop offering to add accounts."""
        item_id = item.id
        sync_report = await self.sync_now(session, item_id)
        if sync_report.error_code is None:
            await repository.set_new_accounts_available(session, item_id, False)
        return sync_report

    async def sync_now(self, session: AsyncSession, item_id: int) -> SyncReport:
        await release_connection(session)  # a sync can take a while
        return report(await self._sync.sync(item_id))

    async def sync_user_items(self, session: AsyncSession, user_id: int) -> list[SyncReport]:
        """Sync every item of a user, telling their sockets how each went, then that all are
        done."""
        item_ids = [item.id for item in await repository.list_for_user(session, user_id)]
        await release_connection(session)
        reports = []
        for item_id in item_ids:
            item_report = report(await self._sync.sync(item_id))
            reports.append(item_report)
            await self._events.emit_to_user(
                user_id, item_report.status, item_report.model_dump(mode="json")
            )
        await self._events.emit_to_user(user_id, "SYNC_COMPLETED", {"items": len(reports)})
        return reports
