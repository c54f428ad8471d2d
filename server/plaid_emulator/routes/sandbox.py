"""/sandbox/* endpoints and /webhook_verification_key/get."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.routing import Route

from plaid_emulator import errors, institutions, users
from plaid_emulator.emulator import Emulator, iso
from plaid_emulator.endpoint import plaid_route
from plaid_emulator.schemas import (
    AccessTokenRequest,
    SandboxFireWebhook,
    SandboxPublicTokenCreate,
    WebhookVerificationKeyGet,
)
from plaid_emulator.state import ItemRecord, utcnow
from plaid_emulator.synthetic import generator

ITEM_REVOKED = errors.PlaidError(
    "ITEM_ERROR",
    "USER_PERMISSION_REVOKED",
    "the holder of this account has revoked their permission for your application to access it",
)


def check_institution(institution_id: str) -> None:
    if institution_id not in institutions.BY_ID:
        raise errors.invalid_input("INVALID_INSTITUTION", "invalid institution_id provided")


async def public_token_create(emu: Emulator, body: SandboxPublicTokenCreate) -> dict[str, Any]:
    check_institution(body.institution_id)
    o = body.options
    await emu.check_webhook(o.webhook if o else None)
    username = (o.override_username if o else None) or "user_good"
    password = (o.override_password if o else None) or "pass_good"
    days = o.transactions.days_requested if o and o.transactions else None
    days = days or users.DEFAULT_DAYS_REQUESTED
    count = users.history_size(username, password, emu.settings.max_history, days)
    item = emu.create_item(
        institution_id=body.institution_id,
        username=username,
        base_count=count,
        products=list(body.initial_products),
        webhook=o.webhook if o else None,
        days_requested=days,
    )
    return {"public_token": emu.issue_public_token(item)}


def reset_login(emu: Emulator, body: AccessTokenRequest) -> dict[str, Any]:
    item = emu.item_for_token(body.access_token)
    item.error_code = "ITEM_LOGIN_REQUIRED"
    emu.store.save()
    emu.send_webhook(item, "ITEM", "ERROR", {"error": emu.item_error(item)})
    return {"reset_login": True}


def _fire(emu: Emulator, item: ItemRecord, webhook_type: str, code: str, new: int) -> bool:
    soon = iso(utcnow() + timedelta(days=7))
    checking = generator.account_id(item.seed, "checking")
    if code == "SYNC_UPDATES_AVAILABLE":
        emu.sync_updates_available(item)
        return True
    if (webhook_type, code) == ("TRANSACTIONS", "RECURRING_TRANSACTIONS_UPDATE"):
        if not emu.has_recurring(item):
            raise errors.PlaidError(
                "SANDBOX_ERROR",
                "SANDBOX_PRODUCT_NOT_ENABLED",
                "the Item does not have the recurring_transactions product",
            )
        return emu.recurring_update(item)
    fields: dict[tuple[str, str], dict[str, Any]] = {
        ("TRANSACTIONS", "DEFAULT_UPDATE"): {"new_transactions": new, "error": None},
        ("TRANSACTIONS", "INITIAL_UPDATE"): {"new_transactions": new, "error": None},
        ("TRANSACTIONS", "HISTORICAL_UPDATE"): {"new_transactions": new, "error": None},
        ("ITEM", "NEW_ACCOUNTS_AVAILABLE"): {"error": None},
        ("ITEM", "PENDING_EXPIRATION"): {"consent_expiration_time": soon},
        ("ITEM", "PENDING_DISCONNECT"): {
            "reason": "INSTITUTION_MIGRATION",
            "disconnect_time": soon,
        },
        ("ITEM", "USER_PERMISSION_REVOKED"): {"error": ITEM_REVOKED.embedded()},
        ("ITEM", "USER_ACCOUNT_REVOKED"): {"account_id": checking},
        ("ITEM", "LOGIN_REPAIRED"): {},
    }
    payload = fields.get((webhook_type, code))
    if payload is None:
        raise errors.invalid_field(f"webhook_code {code} is not supported for {webhook_type}")
    return emu.send_webhook(item, webhook_type, code, payload)


_DEFAULT_TYPES = {
    "DEFAULT_UPDATE": "TRANSACTIONS",
    "RECURRING_TRANSACTIONS_UPDATE": "TRANSACTIONS",
    "SYNC_UPDATES_AVAILABLE": "TRANSACTIONS",
    "INITIAL_UPDATE": "TRANSACTIONS",
    "HISTORICAL_UPDATE": "TRANSACTIONS",
}


def fire_webhook(emu: Emulator, body: SandboxFireWebhook) -> dict[str, Any]:
    item = emu.item_for_token(body.access_token)
    if not item.webhook:
        raise errors.PlaidError(
            "SANDBOX_ERROR",
            "SANDBOX_WEBHOOK_INVALID",
            "the Item does not have a webhook URL; set one with /item/webhook/update",
        )
    webhook_type = body.webhook_type or _DEFAULT_TYPES.get(body.webhook_code, "ITEM")
    new = body.options.new_transactions if body.options and body.options.new_transactions else 0
    return {"webhook_fired": _fire(emu, item, webhook_type, body.webhook_code, new)}


def verification_key_get(emu: Emulator, body: WebhookVerificationKeyGet) -> dict[str, Any]:
    key = emu.state.signing_key
    if body.key_id != key.kid:
        raise errors.invalid_input("INVALID_WEBHOOK_VERIFICATION_KEY_ID", "invalid key_id provided")
    return {"key": key.jwk()}


def routes(emu: Emulator) -> list[Route]:
    return [
        plaid_route(
            emu, "/sandbox/public_token/create", SandboxPublicTokenCreate, public_token_create
        ),
        plaid_route(emu, "/sandbox/item/reset_login", AccessTokenRequest, reset_login),
        plaid_route(emu, "/sandbox/item/fire_webhook", SandboxFireWebhook, fire_webhook),
        plaid_route(
            emu, "/webhook_verification_key/get", WebhookVerificationKeyGet, verification_key_get
        ),
    ]
