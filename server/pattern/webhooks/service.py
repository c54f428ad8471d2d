"""What each Plaid webhook does: sync, item status, and an event to the item's owner."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.items import repository as items_repository
from pattern.items.status import mark_item_status, mark_new_accounts
from pattern.kit.background import Background
from pattern.kit.crypto import TokenCipher
from pattern.kit.errors import ServiceUnavailable
from pattern.kit.sockets import UserEvents
from pattern.plaid.client import PlaidClient
from pattern.recurring import plaid_streams
from pattern.recurring.updates import RECURRING_UPDATED
from pattern.sync.engine import SyncEngine
from pattern.webhooks.replays import SeenWebhooks
from pattern.webhooks.verification import SignedWebhook, WebhookVerifier

logger = logging.getLogger(__name__)

# ITEM webhooks that mean the login needs the person's attention.
_NEEDS_ATTENTION = {"PENDING_EXPIRATION", "PENDING_DISCONNECT", "USER_PERMISSION_REVOKED"}
_NOTICES = {"NEW_ACCOUNTS_AVAILABLE", "WEBHOOK_UPDATE_ACKNOWLEDGED"}


def is_sync_update(payload: dict[str, Any]) -> bool:
    return (
        payload.get("webhook_type") == "TRANSACTIONS"
        and payload.get("webhook_code") == "SYNC_UPDATES_AVAILABLE"
        and isinstance(payload.get("item_id"), str)
    )


def _acted_on(webhook_type: object, code: object) -> bool:
    """Whether WebhookActions.handle does anything for this webhook (keep the two in step)."""
    if webhook_type == "TRANSACTIONS":
        return code in {"SYNC_UPDATES_AVAILABLE", "RECURRING_TRANSACTIONS_UPDATE"}
    return webhook_type == "ITEM" and (
        code in {"ERROR", "LOGIN_REPAIRED"} or code in _NEEDS_ATTENTION or code in _NOTICES
    )


class WebhookActions:
    """What a verified webhook makes happen: a sync, an item's status, an event to its owner."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        sync: SyncEngine,
        events: UserEvents,
        plaid: PlaidClient,
        cipher: TokenCipher,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._sync = sync
        self._events = events
        self._plaid = plaid
        self._cipher = cipher

    async def items_by_plaid_id(self, plaid_item_ids: set[str]) -> dict[str, tuple[int, int]]:
        async with self._sessionmaker() as session:
            return await items_repository.ids_by_plaid_id(session, plaid_item_ids)

    async def sync_updates_available(self, found: dict[str, tuple[int, int]]) -> None:
        """Record a sync of each item (committed when this returns), then tell each owner."""
        await self._sync.request_many([item_id for item_id, _ in found.values()], "webhook")
        for item_id, user_id in found.values():
            await self._events.emit_to_user(user_id, "SYNC_UPDATES_AVAILABLE", {"item_id": item_id})

    async def handle(self, payload: dict[str, Any]) -> None:
        webhook_type = payload.get("webhook_type")
        code = payload.get("webhook_code")
        plaid_item_id = payload.get("item_id")
        if not _acted_on(webhook_type, code):
            # E.g. the /transactions/get webhooks (INITIAL_UPDATE, DEFAULT_UPDATE, ...) that
            # Plaid sends beside SYNC_UPDATES_AVAILABLE: no need to look the item up.
            logger.info(
                "unhandled webhook %s %s for Plaid item %s", webhook_type, code, plaid_item_id
            )
            return
        found = {}
        if isinstance(plaid_item_id, str):
            found = await self.items_by_plaid_id({plaid_item_id})
        if not found:
            logger.info("webhook %s %s for an unknown item ignored", webhook_type, code)
            return
        item_id, user_id = next(iter(found.values()))
        if code == "RECURRING_TRANSACTIONS_UPDATE":
            await self._recurring_update(item_id, user_id)
        elif webhook_type == "TRANSACTIONS":
            await self.sync_updates_available(found)
        else:
            await self._item_webhook(str(code), payload, item_id, user_id)

    async def _recurring_update(self, item_id: int, user_id: int) -> None:
        """Plaid's streams of the item changed: store them again, then tell the person."""
        if await plaid_streams.fetch(
            self._sessionmaker, self._plaid, self._cipher, item_id, webhook=True
        ):
            await self._events.emit_to_user(user_id, RECURRING_UPDATED, {"item_id": item_id})

    async def _item_webhook(
        self, code: str, payload: dict[str, Any], item_id: int, user_id: int
    ) -> None:
        emit = self._events.emit_to_user
        if code == "ERROR":
            error_code = (payload.get("error") or {}).get("error_code") or "ITEM_ERROR"
            await mark_item_status(self._sessionmaker, item_id, "bad", error_code)
            await emit(user_id, "ERROR", {"item_id": item_id, "error_code": error_code})
        elif code in _NEEDS_ATTENTION:
            await mark_item_status(self._sessionmaker, item_id, "bad", code)
            await emit(user_id, code, {"item_id": item_id})
        elif code == "LOGIN_REPAIRED":
            await mark_item_status(self._sessionmaker, item_id, "good", None)
            await self._sync.request_many([item_id], "repaired", urgent=True)
            await emit(user_id, "LOGIN_REPAIRED", {"item_id": item_id})
        else:  # a notice
            if code == "NEW_ACCOUNTS_AVAILABLE":  # the card offers "Add accounts" until then
                await mark_new_accounts(self._sessionmaker, item_id, True)
            await emit(user_id, code, {"item_id": item_id})


class SyncUpdates:
    """SYNC_UPDATES_AVAILABLE webhooks, acted on in batches.

    In a storm they come by the thousand, many for items whose sync is already waiting.
    Those that arrive while a batch is being recorded wait for the next one, where each item
    counts once: one query finds the whole batch, one statement records a sync request per
    item (the database keeps at most one waiting per item), and each webhook is answered
    once its batch is committed; then each item's owner is told once. So no acknowledged
    webhook is lost with the process, and every one is followed by a pass that starts after
    it arrived.
    """

    def __init__(self, actions: WebhookActions, background: Background) -> None:
        self._actions = actions
        self._background = background
        self._waiting: dict[str, list[asyncio.Future[None]]] = {}
        self._draining = False

    async def add(self, plaid_item_id: str) -> None:
        """Return once a sync of the item is recorded (or it is found unknown)."""
        recorded = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(plaid_item_id, []).append(recorded)
        if not self._draining:
            self._draining = True
            self._background.spawn(self._drain())
        await recorded

    async def _drain(self) -> None:
        batch: dict[str, list[asyncio.Future[None]]] = {}
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, {}
                try:
                    await self._handle(set(batch))
                except Exception as exc:  # answered as an error: Plaid sends them again
                    logger.exception("%d SYNC_UPDATES_AVAILABLE webhooks failed", len(batch))
                    _settle(batch, exc)
                else:
                    _settle(batch, None)
        except asyncio.CancelledError:
            # The server is stopping: the webhooks in hand are answered as errors now (Plaid
            # sends them again) rather than waiting on a batch that will never end.
            stopping = ServiceUnavailable("The server is stopping; try again.")
            _settle(batch, stopping)
            _settle(self._waiting, stopping)
            self._waiting = {}
            raise
        finally:
            self._draining = False

    async def _handle(self, batch: set[str]) -> None:
        found = await self._actions.items_by_plaid_id(batch)
        for plaid_item_id in batch - found.keys():
            logger.info("webhook SYNC_UPDATES_AVAILABLE for unknown item %s ignored", plaid_item_id)
        await self._actions.sync_updates_available(found)


def _settle(batch: dict[str, list[asyncio.Future[None]]], error: Exception | None) -> None:
    for futures in batch.values():
        for future in futures:
            if future.done():  # its webhook's request went away
                continue
            if error is None:
                future.set_result(None)
            else:
                future.set_exception(error)


class Webhooks:
    """Plaid's webhooks as they arrive: verified, each delivery acted on once, its syncs
    recorded before it is answered."""

    def __init__(
        self,
        verifier: WebhookVerifier,
        seen: SeenWebhooks,
        actions: WebhookActions,
        background: Background,
    ) -> None:
        self._verifier = verifier
        self._seen = seen
        self._actions = actions
        self._background = background
        self._sync_updates = SyncUpdates(actions, background)

    async def verify(self, token: str | None, body: bytes) -> SignedWebhook:
        """The delivery the Plaid-Verification header `token` signs; 401 when it is not
        Plaid's signature of `body`."""
        return await self._verifier.verify(token, body)

    async def receive(self, signed: SignedWebhook, payload: dict[str, Any]) -> None:
        """Act on a verified delivery (`signed` names it), unless it was acted on already."""
        if not await self._seen.first_time(signed):
            return  # delivered again (or replayed)
        # Acted on before the answer: what it asks for is recorded when Plaid hears 200.
        if is_sync_update(payload):
            await self._sync_updates.add(payload["item_id"])
        else:
            await self._actions.handle(payload)
