"""/transactions/sync, /transactions/get and /transactions/refresh."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.routing import Route

from plaid_emulator import cursors, errors, mutations, sync, users
from plaid_emulator.emulator import NOT_READY, Emulator
from plaid_emulator.endpoint import plaid_route
from plaid_emulator.schemas import (
    AccessTokenRequest,
    TransactionsGet,
    TransactionsGetOptions,
    TransactionsSync,
)
from plaid_emulator.state import ItemRecord


async def transactions_sync(emu: Emulator, body: TransactionsSync) -> dict[str, Any]:
    item = emu.healthy_item(body.access_token)
    options = body.options
    status = emu.update_status(item)
    if status == NOT_READY:
        return {
            "added": [],
            "modified": [],
            "removed": [],
            "accounts": [],
            "has_more": False,
            "next_cursor": "",
            "transactions_update_status": status,
        }
    account_id = options.account_id if options else None
    accounts = await emu.accounts_json(
        item, [account_id] if account_id else None, include_investments=False
    )
    ledger = emu.ledger(item)  # a snapshot: later mutations build a new ledger
    top = emu.visible_top(item)
    cursor: cursors.Cursor | None
    if body.cursor == "now":
        cursor = cursors.Cursor(top, top, top)
    else:
        cursor = cursors.decode(item.item_id, body.cursor)
    result = sync.page(ledger, cursor, top, body.count)
    # Rendering 500 transactions takes tens of milliseconds: keep it off the event loop.
    rendered = await asyncio.to_thread(
        sync.render_page,
        item.item_id,
        ledger,
        result,
        include_original_description=bool(options and options.include_original_description),
        account_id=account_id,
    )
    return {**rendered, "accounts": accounts, "transactions_update_status": status}


async def transactions_get(emu: Emulator, body: TransactionsGet) -> dict[str, Any]:
    item = emu.healthy_item(body.access_token)
    if emu.update_status(item) == NOT_READY:
        raise errors.product_not_ready()
    if body.start_date > body.end_date:
        raise errors.invalid_field("start_date must be on or before end_date")
    options = body.options or TransactionsGetOptions()
    account_ids = options.account_ids
    accounts = await emu.accounts_json(item, account_ids)
    ledger = emu.ledger(item)
    if account_ids is None:
        total, keys = ledger.window(body.start_date, body.end_date, options.offset, options.count)
    else:
        total, keys = await asyncio.to_thread(
            ledger.window_for_accounts,
            body.start_date,
            body.end_date,
            options.offset,
            options.count,
            set(account_ids),
        )
    original = bool(options.include_original_description)
    transactions = await asyncio.to_thread(
        lambda: [ledger.render(k, include_original_description=original) for k in keys]
    )
    return {
        "accounts": accounts,
        "transactions": transactions,
        "total_transactions": total,
        "item": emu.item_json(item),
    }


def refresh_item(emu: Emulator, item: ItemRecord) -> int:
    """Run a refresh: post pending transactions (and more for the dynamic user)."""
    ledger = emu.ledger(item)
    if users.is_dynamic(item.username):
        events = mutations.dynamic_refresh(item, ledger)
    else:
        events = mutations.post_pending(item, ledger)
    announce_changes(emu, item, events)
    return len(events)


def announce_changes(emu: Emulator, item: ItemRecord, events: list[dict[str, Any]]) -> None:
    if not events:
        return
    before = emu.ledger(item)
    removed_ids = [
        before.transaction_id(e["key"])
        for e in events
        if e["op"] == "remove" and before.is_live(e["key"])
    ]
    emu.append_events(item, events)
    added = sum(1 for e in events if e["op"] == "add")
    emu.sync_updates_available(item)
    if added:
        emu.send_webhook(
            item, "TRANSACTIONS", "DEFAULT_UPDATE", {"new_transactions": added, "error": None}
        )
    if removed_ids:
        emu.send_webhook(
            item,
            "TRANSACTIONS",
            "TRANSACTIONS_REMOVED",
            {"removed_transactions": removed_ids, "error": None},
        )


def transactions_refresh(emu: Emulator, body: AccessTokenRequest) -> dict[str, Any]:
    refresh_item(emu, emu.healthy_item(body.access_token))
    return {}


def routes(emu: Emulator) -> list[Route]:
    return [
        plaid_route(emu, "/transactions/sync", TransactionsSync, transactions_sync),
        plaid_route(emu, "/transactions/get", TransactionsGet, transactions_get),
        plaid_route(emu, "/transactions/refresh", AccessTokenRequest, transactions_refresh),
    ]
