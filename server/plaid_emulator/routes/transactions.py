"""/transactions/sync, /transactions/get and /transactions/refresh."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.routing import Route

from plaid_emulator import cursors, errors, mutations, sync, users
from plaid_emulator.emulator import NOT_READY, Emulator
from plaid_emulator.endpoint import plaid_route
from plaid_emulator.ledger import Ledger
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
    original = bool(options and options.include_original_description)
    version = options.personal_finance_category_version if options else None
    # Everything a page depends on: the same request against the same log gives the same page.
    request = (item.version, top, body.count, original, version, account_id)
    rendered = await _page_rendered_ahead(emu, item.item_id, (*request, body.cursor or ""))
    if rendered is None:
        cursor: cursors.Cursor | None
        if body.cursor == "now":
            cursor = cursors.Cursor(top, top, top)
        else:
            cursor = cursors.decode(item.item_id, body.cursor)
        result = sync.page(ledger, cursor, top, body.count)
        rendered = await sync.render_page(
            item.item_id,
            ledger,
            result,
            include_original_description=original,
            pfc_version=version,
            account_id=account_id,
        )
    if rendered["has_more"]:
        _render_ahead(emu, item.item_id, ledger, request, rendered["next_cursor"])
    return {**rendered, "accounts": accounts, "transactions_update_status": status}


def _render_ahead(
    emu: Emulator,
    item_id: str,
    ledger: Ledger,
    request: tuple[int, int, int, bool, str | None, str | None],
    next_cursor: str,
) -> None:
    """Start rendering the page a paginating client asks for next, while it takes in this
    one (Plaid has its pages ready too); kept one per item, used if the request matches."""
    _, top, count, original, version, account_id = request
    cursor = cursors.decode(item_id, next_cursor)

    async def render() -> dict[str, Any]:
        await asyncio.sleep(0)  # after this page's answer is on its way
        result = sync.page(ledger, cursor, top, count)
        return await sync.render_page(
            item_id,
            ledger,
            result,
            include_original_description=original,
            pfc_version=version,
            account_id=account_id,
        )

    task = asyncio.ensure_future(render())
    task.add_done_callback(lambda t: t.cancelled() or t.exception())  # failures: not rendered
    emu.sync_ahead[item_id] = ((*request, next_cursor), task)


async def _page_rendered_ahead(
    emu: Emulator, item_id: str, key: tuple[object, ...]
) -> dict[str, Any] | None:
    ahead = emu.sync_ahead.pop(item_id, None)
    if ahead is None or ahead[0] != key:
        return None
    try:
        return await ahead[1]
    except Exception:  # rendered again, the ordinary way, so that errors are reported
        return None


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
    version = options.personal_finance_category_version
    transactions = await asyncio.to_thread(
        lambda: [
            ledger.render(k, include_original_description=original, pfc_version=version)
            for k in keys
        ]
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
    """As Plaid: a client without the Transactions Refresh add-on is refused (production
    without it; here, after POST /emulator/products {"transactions_refresh": false}), and so
    is an item without the transactions product."""
    item = emu.item_for_token(body.access_token)
    if "transactions_refresh" in emu.disabled_products:
        raise errors.invalid_product(["transactions_refresh"])
    if "transactions" not in item.products:
        raise errors.product_not_enabled()
    refresh_item(emu, emu.healthy_item(body.access_token))
    return {}


def routes(emu: Emulator) -> list[Route]:
    return [
        plaid_route(emu, "/transactions/sync", TransactionsSync, transactions_sync),
        plaid_route(emu, "/transactions/get", TransactionsGet, transactions_get),
        plaid_route(emu, "/transactions/refresh", AccessTokenRequest, transactions_refresh),
    ]
