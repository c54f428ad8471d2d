"""Link tokens, token exchange and the /item endpoints."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from starlette.routing import Route

from plaid_emulator import errors, ids
from plaid_emulator.emulator import Emulator, iso
from plaid_emulator.endpoint import plaid_route
from plaid_emulator.schemas import (
    AccessTokenRequest,
    ItemRemove,
    ItemWebhookUpdate,
    LinkTokenCreate,
    PublicTokenExchange,
)
from plaid_emulator.state import LinkToken, utcnow

NEW_ITEM_LINK_TTL = timedelta(hours=4)
UPDATE_MODE_LINK_TTL = timedelta(minutes=30)


async def link_token_create(emu: Emulator, body: LinkTokenCreate) -> dict[str, Any]:
    if body.user is None and not body.user_id:
        raise errors.missing_fields(["user"])
    await emu.check_webhook(body.webhook)
    item_id = None
    selection = bool(body.update and body.update.account_selection_enabled)
    if body.access_token is not None:
        item_id = emu.item_for_token(body.access_token).item_id
    elif selection:
        raise errors.invalid_field(
            "update.account_selection_enabled can only be used in update mode, with access_token"
        )
    elif not (body.products or body.required_if_supported_products or body.optional_products):
        raise errors.invalid_field("products must be provided when not in update mode")
    expires = utcnow() + (UPDATE_MODE_LINK_TTL if item_id else NEW_ITEM_LINK_TTL)
    token = ids.token("link")
    emu.state.link_tokens[token] = LinkToken(
        expires_at=iso(expires),
        client_name=body.client_name,
        # Every institution here supports every product, so the ones required if supported
        # and the optional ones are initialized too.
        products=[
            *(body.products or []),
            *(body.required_if_supported_products or []),
            *(body.optional_products or []),
        ],
        consented_products=body.additional_consented_products or [],
        country_codes=body.country_codes,
        webhook=body.webhook,
        redirect_uri=body.redirect_uri,
        item_id=item_id,
        language=body.language,
        # Fixed at the item's first link: an update-mode token cannot change it.
        days_requested=body.transactions.days_requested if body.transactions else None,
        account_selection=selection,
    )
    emu.store.save()
    return {"link_token": token, "expiration": iso(expires)}


def public_token_exchange(emu: Emulator, body: PublicTokenExchange) -> dict[str, Any]:
    if not body.public_token.startswith("public-"):
        raise errors.invalid_input(
            "INVALID_PUBLIC_TOKEN",
            "provided public token is in an invalid format. "
            "expected format: public-<environment>-<identifier>",
        )
    record = emu.state.public_tokens.pop(body.public_token, None)
    if record is None or datetime.fromisoformat(record.expires_at) <= utcnow():
        raise errors.invalid_public_token()
    item = emu.state.items.get(record.item_id)
    if item is None:
        raise errors.invalid_public_token()
    emu.store.save()
    return {"access_token": item.access_token, "item_id": item.item_id}


def item_get(emu: Emulator, body: AccessTokenRequest) -> dict[str, Any]:
    item = emu.item_for_token(body.access_token)
    last_update = iso(item.created) if emu.update_status(item) != "NOT_READY" else None
    return {
        "item": {
            **emu.item_json(item),
            "created_at": item.created_at,
            "consented_data_scopes": ["account_balance_info", "transactions"],
            "consented_use_cases": ["Track and manage your finances"],
        },
        "status": {
            "transactions": {"last_successful_update": last_update, "last_failed_update": None},
            "last_webhook": item.last_webhook,
        },
    }


def item_remove(emu: Emulator, body: ItemRemove) -> dict[str, Any]:
    emu.remove_item(emu.item_for_token(body.access_token))
    return {}


async def item_webhook_update(emu: Emulator, body: ItemWebhookUpdate) -> dict[str, Any]:
    item = emu.item_for_token(body.access_token)
    await emu.check_webhook(body.webhook)
    item.webhook = body.webhook or None
    emu.store.save()
    emu.send_webhook(
        item,
        "ITEM",
        "WEBHOOK_UPDATE_ACKNOWLEDGED",
        {"new_webhook_url": item.webhook, "error": None},
    )
    return {"item": emu.item_json(item)}


def routes(emu: Emulator) -> list[Route]:
    return [
        plaid_route(emu, "/link/token/create", LinkTokenCreate, link_token_create),
        plaid_route(emu, "/item/public_token/exchange", PublicTokenExchange, public_token_exchange),
        plaid_route(emu, "/item/get", AccessTokenRequest, item_get),
        plaid_route(emu, "/item/remove", ItemRemove, item_remove),
        plaid_route(emu, "/item/webhook/update", ItemWebhookUpdate, item_webhook_update),
    ]
