"""What each Plaid webhook does: sync, item status, and an event to the item's owner."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from pattern.context import AppContext
from pattern.models import Item
from pattern.sync.engine import mark_item_status

logger = logging.getLogger(__name__)

# ITEM webhooks that mean the login needs the person's attention.
_NEEDS_ATTENTION = {"PENDING_EXPIRATION", "PENDING_DISCONNECT", "USER_PERMISSION_REVOKED"}
_NOTICES = {"NEW_ACCOUNTS_AVAILABLE", "WEBHOOK_UPDATE_ACKNOWLEDGED"}


async def handle_webhook(context: AppContext, payload: dict[str, Any]) -> None:
    webhook_type = payload.get("webhook_type")
    code = payload.get("webhook_code")
    plaid_item_id = payload.get("item_id")
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
    else:
        logger.info("unhandled webhook %s %s for item %s", webhook_type, code, item_id)
