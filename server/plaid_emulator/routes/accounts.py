"""/accounts/get and /accounts/balance/get."""

from __future__ import annotations

from typing import Any

from starlette.routing import Route

from plaid_emulator.emulator import Emulator
from plaid_emulator.endpoint import plaid_route
from plaid_emulator.schemas import AccountsGet


async def accounts_get(emu: Emulator, body: AccountsGet) -> dict[str, Any]:
    item = emu.healthy_item(body.access_token)
    account_ids = body.options.account_ids if body.options else None
    return {"accounts": await emu.accounts_json(item, account_ids), "item": emu.item_json(item)}


def routes(emu: Emulator) -> list[Route]:
    return [
        plaid_route(emu, "/accounts/get", AccountsGet, accounts_get),
        # Balances are computed on demand anyway, so "real-time" is the same data.
        plaid_route(emu, "/accounts/balance/get", AccountsGet, accounts_get),
    ]
