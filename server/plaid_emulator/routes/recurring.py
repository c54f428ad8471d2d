"""/transactions/recurring/get: the item's recurring inflow and outflow streams."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.routing import Route

from plaid_emulator import errors, recurring
from plaid_emulator.emulator import (
    HISTORICAL,
    RECURRING,
    TRANSACTIONS,
    Emulator,
    check_account_ids,
)
from plaid_emulator.endpoint import plaid_route
from plaid_emulator.schemas import TransactionsRecurringGet
from plaid_emulator.state import utcnow
from plaid_emulator.synthetic import generator


async def recurring_get(emu: Emulator, body: TransactionsRecurringGet) -> dict[str, Any]:
    """Refused as Plaid refuses it: a client without the Recurring Transactions add-on
    (POST /emulator/products {"recurring_transactions": false}), an item not initialized
    with Transactions, and until the item's whole history is in. As Plaid documents it,
    the add-on needs no product of its own in Link: an item with Transactions has it."""
    item = emu.item_for_token(body.access_token)
    if RECURRING in emu.disabled_products:
        raise errors.invalid_product([RECURRING])
    if TRANSACTIONS not in item.products:
        raise errors.product_not_enabled()
    item = emu.healthy_item(body.access_token)
    if body.account_ids:
        check_account_ids(item, body.account_ids)
    if emu.update_status(item) != HISTORICAL:
        raise errors.product_not_ready()
    ledger = emu.ledger(item)
    version = body.options.personal_finance_category_version if body.options else None
    found = await asyncio.to_thread(recurring.found_streams, ledger, utcnow().date())
    wanted = set(body.account_ids or ())
    streams: dict[str, list[dict[str, Any]]] = {"inflow": [], "outflow": []}
    for stream in found:
        if wanted and generator.account_id(item.seed, stream.stream.slot) not in wanted:
            continue
        streams[stream.stream.direction].append(recurring.stream_json(ledger, stream, version))
    return {
        "inflow_streams": streams["inflow"],
        "outflow_streams": streams["outflow"],
        "updated_datetime": emu.recurring_updated_at(item),
        **({"personal_finance_category_version": version} if version else {}),
    }


def routes(emu: Emulator) -> list[Route]:
    return [
        plaid_route(emu, "/transactions/recurring/get", TransactionsRecurringGet, recurring_get),
    ]
