"""Test controls under /emulator/: fault injection, reset, and item mutations.

With an admin secret (EmulatorSettings.admin_secret), each request must carry it in the
X-Emulator-Admin-Secret header.

POST   /emulator/faults          {"path", "count", "error_type"+"error_code" | "http_status",
                                  "error_message", "display_message", "delay_seconds"}
GET    /emulator/faults          faults still armed
DELETE /emulator/faults          disarm all
POST   /emulator/reset           forget every item and token (the signing key stays)
POST   /emulator/items/mutate    {"access_token" | "item_id", "stream_id"?}: add one transaction
                                 now (with stream_id: that stream's next one, and send
                                 RECURRING_TRANSACTIONS_UPDATE when the item has the product)
POST   /emulator/items/refresh   {"access_token" | "item_id"}: as /transactions/refresh
POST   /emulator/items/post_pending {"access_token" | "item_id"}: post pending transactions
POST   /emulator/items/truth    {"access_token" | "item_id"}: the planned structure of the item's
                                 history: {"transfers": [pairs of transaction ids], "streams":
                                 [recurring streams with their kind and transaction ids]}
POST   /emulator/items/add_account {"access_token" | "item_id", "name"?, "subtype"?,
                                 "transactions"?}: open an account at the item's bank (Plaid
                                 then sends NEW_ACCOUNTS_AVAILABLE; it joins the item when
                                 selected in update-mode Link with account selection)
POST   /emulator/products        {"transactions_refresh": false, "recurring_transactions": false}:
                                 as a Plaid account without that add-on (/transactions/refresh,
                                 /transactions/recurring/get answer INVALID_PRODUCT)
GET    /emulator/webhooks        webhook deliveries so far: sent, delivered, dropped, in flight
POST   /emulator/webhooks/fire   {"access_tokens": [...], "webhook_code", "webhook_type"?}: as
                                 /sandbox/item/fire_webhook for each item, in one request
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from plaid_emulator import errors, mutations, new_accounts, recurring
from plaid_emulator.auth import check_admin_secret
from plaid_emulator.emulator import Emulator, iso
from plaid_emulator.endpoint import (
    PlaidJSONResponse,
    error_response,
    read_json_object,
    validation_error,
)
from plaid_emulator.faults import Fault
from plaid_emulator.ids import request_id
from plaid_emulator.routes.sandbox import fire_webhook
from plaid_emulator.routes.transactions import announce_changes, refresh_item
from plaid_emulator.schemas import SandboxFireWebhook
from plaid_emulator.state import ItemRecord, utcnow

_STATUSES = (200, 599)  # what a fault may answer with


def _int(body: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    value = body.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise errors.invalid_field(f"{name} must be an integer from {low} to {high}")
    return value


def fault_from(body: dict[str, Any]) -> Fault:
    path = body.get("path")
    if not isinstance(path, str) or not (path.startswith("/") or path == "*"):
        raise errors.invalid_field("path must be a Plaid path like /transactions/sync, or *")
    status: int | None = None
    error = None
    if body.get("error_code"):
        error = errors.PlaidError(
            str(body.get("error_type", "API_ERROR")),
            str(body["error_code"]),
            str(body.get("error_message", f"injected {body['error_code']}")),
            status=_int(body, "http_status", 400, *_STATUSES),
            display_message=_optional_str(body, "display_message"),
        )
    elif body.get("http_status") is not None:
        status = _int(body, "http_status", 0, *_STATUSES)
    delay = body.get("delay_seconds", 0)
    if not isinstance(delay, int | float) or isinstance(delay, bool) or not 0 <= delay <= 600:
        raise errors.invalid_field("delay_seconds must be a number from 0 to 600")
    if error is None and status is None and not delay:
        raise errors.invalid_field("give error_code, http_status or delay_seconds")
    return Fault(
        path,
        _int(body, "count", 1, 1, 1_000_000),
        error,
        status,
        float(delay),
        skip=_int(body, "after", 0, 0, 1_000_000),
    )


def _optional_str(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise errors.invalid_field(f"{name} must be a string")
    return value


def _item(emu: Emulator, body: dict[str, Any]) -> ItemRecord:
    if isinstance(body.get("access_token"), str):
        return emu.item_for_token(body["access_token"])
    item = emu.state.items.get(str(body.get("item_id")))
    if item is None:
        raise errors.item_not_found()
    return item


Action = Callable[[Emulator, Request], Awaitable[dict[str, Any]]]


def _action(emu: Emulator, handler: Action) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            check_admin_secret(emu.settings, request.headers)
            return PlaidJSONResponse(await handler(emu, request))
        except errors.PlaidError as exc:
            return error_response(exc, request_id())

    return endpoint


async def _add_fault(emu: Emulator, request: Request) -> dict[str, Any]:
    emu.faults.add(fault_from(await read_json_object(request)))
    return {"armed": len(emu.faults.pending())}


async def _list_faults(emu: Emulator, request: Request) -> dict[str, Any]:
    return {
        "faults": [
            {
                "path": f.path,
                "remaining": f.remaining,
                "after": f.skip,
                "http_status": f.http_status,
                "error_code": f.error.error_code if f.error else None,
                "delay_seconds": f.delay_seconds,
            }
            for f in emu.faults.pending()
        ]
    }


async def _clear_faults(emu: Emulator, request: Request) -> dict[str, Any]:
    emu.faults.clear()
    return {"armed": 0}


async def _reset(emu: Emulator, request: Request) -> dict[str, Any]:
    emu.reset()
    return {"reset": True}


def _modify(emu: Emulator, item: ItemRecord, transaction_id: object) -> dict[str, Any]:
    """Plaid changes a transaction (its amount, as a bank's correction would)."""
    ledger = emu.ledger(item)
    keys = [f"b{index}" for index in range(item.base_count)] + list(ledger.extra_keys())
    found = next(
        (k for k in keys if ledger.is_live(k) and ledger.transaction_id(k) == transaction_id),
        None,
    )
    if found is None:
        raise errors.invalid_field("modify must be the transaction_id of a transaction of the item")
    announce_changes(emu, item, [{"op": "modify", "key": found}])
    return {"item_id": item.item_id, "version": item.version, "transaction_id": transaction_id}


async def _mutate(emu: Emulator, request: Request) -> dict[str, Any]:
    body = await read_json_object(request)
    item = _item(emu, body)
    if "modify" in body:
        return _modify(emu, item, body["modify"])
    stream_id = body.get("stream_id")
    if stream_id is None:
        announce_changes(emu, item, [mutations.add_transaction(item, pending=False)])
        return {"item_id": item.item_id, "version": item.version}
    today = utcnow().date()
    found = (
        recurring.by_id(emu.ledger(item), today).get(stream_id)
        if isinstance(stream_id, str)
        else None
    )
    if found is None:
        raise errors.invalid_field(
            "stream_id must be a stream of the item (see /emulator/items/truth)"
        )
    # The stream's next occurrence: on its predicted date, or today if that is still ahead.
    due = min(found.predicted_next_date or today, today)
    event = {**mutations.add_transaction(item, pending=False, day=due), "stream": found.stream.key}
    announce_changes(emu, item, [event])
    item.recurring_updated_at = iso(utcnow())
    emu.store.save()
    if emu.has_recurring(item):
        emu.recurring_update(item)
    added = emu.ledger(item).transaction_id(event["key"])
    return {"item_id": item.item_id, "version": item.version, "transaction_id": added}


async def _refresh(emu: Emulator, request: Request) -> dict[str, Any]:
    item = _item(emu, await read_json_object(request))
    return {"item_id": item.item_id, "changes": refresh_item(emu, item)}


async def _post_pending(emu: Emulator, request: Request) -> dict[str, Any]:
    item = _item(emu, await read_json_object(request))
    events = mutations.post_pending(item, emu.ledger(item))
    announce_changes(emu, item, events)
    return {"item_id": item.item_id, "posted": len(events) // 2}


async def _truth(emu: Emulator, request: Request) -> dict[str, Any]:
    item = _item(emu, await read_json_object(request))
    return {"item_id": item.item_id, **recurring.truth(emu.ledger(item), utcnow().date())}


_CONTROLLED_PRODUCTS = ("transactions_refresh", "recurring_transactions")


async def _set_products(emu: Emulator, request: Request) -> dict[str, Any]:
    body = await read_json_object(request)
    unknown = [name for name in body if name not in _CONTROLLED_PRODUCTS]
    if unknown or not all(isinstance(value, bool) for value in body.values()):
        raise errors.invalid_field(
            "give products to enable (true) or disable (false): " + ", ".join(_CONTROLLED_PRODUCTS)
        )
    for name, enabled in body.items():
        (emu.disabled_products.discard if enabled else emu.disabled_products.add)(name)
    # The state of those named (of every add-on when none is).
    return {name: name not in emu.disabled_products for name in body or _CONTROLLED_PRODUCTS}


async def _add_account(emu: Emulator, request: Request) -> dict[str, Any]:
    body = await read_json_object(request)
    item = _item(emu, body)
    name = body.get("name", "New Savings")
    if not isinstance(name, str) or not 1 <= len(name) <= 60:
        raise errors.invalid_field("name must be a string of 1 to 60 characters")
    subtype = body.get("subtype", "savings")
    if subtype not in new_accounts.SUBTYPES:
        raise errors.invalid_field("subtype must be one of " + ", ".join(new_accounts.SUBTYPES))
    account = new_accounts.open_account(
        emu, item, name=name, subtype=subtype, transactions=_int(body, "transactions", 5, 1, 100)
    )
    return {"item_id": item.item_id, "account_id": account["account_id"]}


async def _webhook_counts(emu: Emulator, request: Request) -> dict[str, Any]:
    counts = emu.webhooks.counts
    return {
        "sent": counts.sent,
        "delivered": counts.delivered,
        "dropped": counts.dropped,
        "in_flight": counts.in_flight,
        "pending": emu.webhooks.pending,
    }


async def _fire_webhooks(emu: Emulator, request: Request) -> dict[str, Any]:
    # For load tests: a storm costs the test one request per round, not per webhook.
    body = await read_json_object(request)
    tokens = body.pop("access_tokens", None)
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise errors.invalid_field("access_tokens must be a list of access tokens")
    try:
        fires = [SandboxFireWebhook.model_validate({**body, "access_token": t}) for t in tokens]
    except ValidationError as exc:
        raise validation_error(exc) from exc
    for fire in fires:  # every item checked before any webhook goes out
        if not emu.item_for_token(fire.access_token).webhook:
            raise errors.invalid_field("an item has no webhook URL")
    fired = sum(bool(fire_webhook(emu, fire)["webhook_fired"]) for fire in fires)
    return {"fired": fired}


_ACTIONS: list[tuple[str, str, Action]] = [
    ("/emulator/faults", "POST", _add_fault),
    ("/emulator/faults", "GET", _list_faults),
    ("/emulator/faults", "DELETE", _clear_faults),
    ("/emulator/reset", "POST", _reset),
    ("/emulator/items/mutate", "POST", _mutate),
    ("/emulator/items/refresh", "POST", _refresh),
    ("/emulator/items/post_pending", "POST", _post_pending),
    ("/emulator/items/add_account", "POST", _add_account),
    ("/emulator/items/truth", "POST", _truth),
    ("/emulator/products", "POST", _set_products),
    ("/emulator/webhooks", "GET", _webhook_counts),
    ("/emulator/webhooks/fire", "POST", _fire_webhooks),
]


def routes(emu: Emulator) -> list[Route]:
    return [
        Route(path, _action(emu, handler), methods=[method]) for path, method, handler in _ACTIONS
    ]
