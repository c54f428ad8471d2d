"""What each Plaid webhook does: sync, item status, and an event to the item's owner."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from pattern.context import AppContext
from pattern.models import Item
from pattern.sync.engine import mark_item_status

logger = logging.getLogger(__name__)

# ITEM webhooks that mean the login needs the person's attention.
_NEEDS_ATTENTION = {"PENDING_EXPIRATION", "PENDING_DISCONNECT", "USER_PERMISSION_REVOKED"}
_NOTICES = {"NEW_ACCOUNTS_AVAILABLE", "WEBHOOK_UPDATE_ACKNOWLEDGED"}
# Plaid item ids looked up in one query: well under any driver's bound-parameter limit.
_LOOKUP_CHUNK = 500


def is_sync_update(payload: dict[str, Any]) -> bool:
    return (
        payload.get("webhook_type") == "TRANSACTIONS"
        and payload.get("webhook_code") == "SYNC_UPDATES_AVAILABLE"
        and isinstance(payload.get("item_id"), str)
    )


class SyncUpdates:
    """SYNC_UPDATES_AVAILABLE webhooks, acted on in batches.

    In a storm they come by the thousand, many for items whose sync is already running or
    waiting. Those that arrive while a batch is being looked up wait for the next one,
    where each item counts once: one query finds the whole batch, then each item's owner
    is told once and its sync asked for once (the engine coalesces that with a pass that
    is running or waiting). Every webhook is still followed by a pass that starts after it
    arrived, as one sync request per webhook would be.
    """

    def __init__(self, context: AppContext) -> None:
        self._context = context
        self._waiting: set[str] = set()
        self._draining = False

    def add(self, plaid_item_id: str) -> None:
        self._waiting.add(plaid_item_id)
        if not self._draining:
            self._draining = True
            self._context.spawn(self._drain())

    async def _drain(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, set()
                try:
                    await self._handle(batch)
                except Exception:  # as a failed webhook task would be: logged, not retried
                    logger.exception("%d SYNC_UPDATES_AVAILABLE webhooks failed", len(batch))
        finally:
            self._draining = False

    async def _handle(self, batch: set[str]) -> None:
        found = await _items_by_plaid_id(self._context, batch)
        for plaid_item_id in batch - found.keys():
            logger.info("webhook SYNC_UPDATES_AVAILABLE for unknown item %s ignored", plaid_item_id)
        for item_id, user_id in found.values():
            await self._context.realtime.emit_to_user(
                user_id, "SYNC_UPDATES_AVAILABLE", {"itemId": item_id}
            )
            self._context.sync.request(item_id)


async def _items_by_plaid_id(
    context: AppContext, plaid_item_ids: Iterable[str]
) -> dict[str, tuple[int, int]]:
    wanted = sorted(plaid_item_ids)
    found: dict[str, tuple[int, int]] = {}
    async with context.sessionmaker() as session:
        for start in range(0, len(wanted), _LOOKUP_CHUNK):
            rows = await session.execute(
                select(Item.plaid_item_id, Item.id, Item.user_id).where(
                    Item.plaid_item_id.in_(wanted[start : start + _LOOKUP_CHUNK])
                )
            )
            found.update((plaid_id, (item_id, user_id)) for plaid_id, item_id, user_id in rows)
    return found


def _acted_on(webhook_type: object, code: object) -> bool:
    """Whether handle_webhook below does anything for this webhook (keep the two in step)."""
    if webhook_type == "TRANSACTIONS":
        return code == "SYNC_UPDATES_AVAILABLE"
    return webhook_type == "ITEM" and (
        code in {"ERROR", "LOGIN_REPAIRED"} or code in _NEEDS_ATTENTION or code in _NOTICES
    )


async def handle_webhook(context: AppContext, payload: dict[str, Any]) -> None:
    webhook_type = payload.get("webhook_type")
    code = payload.get("webhook_code")
    plaid_item_id = payload.get("item_id")
    if not _acted_on(webhook_type, code):
        # E.g. the /transactions/get webhooks (INITIAL_UPDATE, DEFAULT_UPDATE, ...) that
        # Plaid sends beside SYNC_UPDATES_AVAILABLE: no need to look the item up.
        logger.info("unhandled webhook %s %s for Plaid item %s", webhook_type, code, plaid_item_id)
        return
    async with context.sessionmaker() as session:
        found = (
            await session.execute(
                select(Item.id, Item.user_id).where(Item.plaid_item_id == plaid_item_id)
            )
        ).first()
    if found is None:
        logger.info("webhook %s %s for an unknown item ignored", webhook_type, code)
        return
    item_id, user_id = found
    emit = context.realtime.emit_to_user
    if webhook_type == "TRANSACTIONS" and code == "SYNC_UPDATES_AVAILABLE":
        await emit(user_id, "SYNC_UPDATES_AVAILABLE", {"itemId": item_id})
        context.sync.request(item_id)
    elif webhook_type == "ITEM" and code == "ERROR":
        error_code = (payload.get("error") or {}).get("error_code") or "ITEM_ERROR"
        await mark_item_status(context.sessionmaker, item_id, "bad", error_code)
        await emit(user_id, "ERROR", {"itemId": item_id, "errorCode": error_code})
    elif webhook_type == "ITEM" and code in _NEEDS_ATTENTION:
        await mark_item_status(context.sessionmaker, item_id, "bad", code)
        await emit(user_id, code, {"itemId": item_id})
    elif webhook_type == "ITEM" and code == "LOGIN_REPAIRED":
        await mark_item_status(context.sessionmaker, item_id, "good", None)
        await emit(user_id, "LOGIN_REPAIRED", {"itemId": item_id})
        context.sync.request(item_id)
    elif webhook_type == "ITEM" and code in _NOTICES:
        await emit(user_id, code, {"itemId": item_id})
