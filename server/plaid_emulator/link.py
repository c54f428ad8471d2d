"""A stand-in for Plaid Link's UI flow, driven by plain HTTP instead of Plaid's JavaScript.

GET  /link/session?link_token=...   what Link would show: mode, institutions, the item
POST /link/session/complete         what onSuccess / onExit would receive
The link token authorizes these calls; no client_id/secret.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from plaid_emulator import errors, institutions, new_accounts, users
from plaid_emulator.emulator import Emulator, account_template, item_accounts
from plaid_emulator.endpoint import PlaidJSONResponse, error_response, read_json_object
from plaid_emulator.ids import request_id
from plaid_emulator.state import ItemRecord, LinkToken, utcnow
from plaid_emulator.synthetic import catalog, generator


def _link_token(emu: Emulator, token: object) -> LinkToken:
    record = emu.state.link_tokens.get(token) if isinstance(token, str) else None
    if record is None or datetime.fromisoformat(record.expires_at) <= utcnow():
        raise errors.invalid_link_token()
    return record


def _institutions(record: LinkToken) -> list[institutions.Institution]:
    return institutions.find(country_codes=record.country_codes)


def _account_metadata(item: ItemRecord, wanted: object) -> list[dict[str, Any]]:
    """Link's metadata.accounts (no balances): all of them, or those in `wanted`."""
    accounts = [_account_json(item, t) for t in item_accounts(item)]
    if isinstance(wanted, list):
        accounts = [a for a in accounts if a["id"] in wanted]
    return accounts


def _account_json(item: ItemRecord, t: catalog.AccountTemplate) -> dict[str, Any]:
    return {
        "id": generator.account_id(item.seed, t.slot),
        "name": t.name,
        "mask": t.mask,
        "type": t.type,
        "subtype": t.subtype,
        "verification_status": None,
        "class_type": None,
    }


def _selection_enabled(record: LinkToken, item: ItemRecord | None) -> bool:
    """Update mode with Account Select: asked for, or an OAuth bank's own (always on)."""
    if item is None:
        return False
    institution = institutions.BY_ID.get(item.institution_id)
    return record.account_selection or bool(institution and institution.oauth)


def _selectable(item: ItemRecord) -> list[dict[str, Any]]:
    """What Link's account selection shows in update mode: the item's accounts, then the
    ones opened since (new: true)."""
    shared = [{**_account_json(item, t), "new": False} for t in item_accounts(item)]
    waiting = [
        {**_account_json(item, account_template(a)), "new": True} for a in item.accounts_waiting
    ]
    return shared + waiting


def session(emu: Emulator, query: dict[str, str]) -> dict[str, Any]:
    record = _link_token(emu, query.get("link_token"))
    item = emu.state.items.get(record.item_id) if record.item_id else None
    return {
        "link_token": query["link_token"],
        "mode": "update" if record.item_id else "new",
        "client_name": record.client_name,
        "products": record.products,
        "country_codes": record.country_codes,
        "redirect_uri": record.redirect_uri,
        "institutions": [
            {
                "institution_id": i.institution_id,
                "name": i.name,
                "oauth": i.oauth,
                "primary_color": i.primary_color,
            }
            for i in _institutions(record)
        ],
        "item": {
            "item_id": item.item_id,
            "institution_id": item.institution_id,
            "error": emu.item_error(item),
        }
        if item
        else None,
        "account_selection": _selection_enabled(record, item),
        "accounts": _selectable(item) if item and _selection_enabled(record, item) else None,
        "test_credentials": {"username": "user_good", "password": "pass_good"},
    }


def complete(emu: Emulator, body: dict[str, Any]) -> dict[str, Any]:
    record = _link_token(emu, body.get("link_token"))
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        raise errors.missing_fields(["username", "password"])
    item = emu.state.items.get(record.item_id) if record.item_id else None
    if record.item_id and item is None:
        raise errors.item_not_found()
    institution_id = item.institution_id if item else body.get("institution_id")
    if not isinstance(institution_id, str) or institution_id not in {
        i.institution_id for i in _institutions(record)
    }:
        raise errors.invalid_input("INVALID_INSTITUTION", "invalid institution_id provided")
    days = record.days_requested or users.DEFAULT_DAYS_REQUESTED
    if item is not None:
        days = item.days_requested  # fixed at the item's first link
    count = users.history_size(username, password, emu.settings.max_history, days)
    if item is None:
        item = emu.create_item(
            institution_id=institution_id,
            username=username,
            base_count=count,
            products=record.products,
            consented_products=record.consented_products,
            webhook=record.webhook,
            days_requested=days,
        )
    else:
        _update(emu, record, item, body.get("account_ids"))
    return {
        "public_token": emu.issue_public_token(item),
        "metadata": {
            "institution": {
                "name": institutions.BY_ID[institution_id].name,
                "institution_id": institution_id,
            },
            "accounts": _account_metadata(item, body.get("account_ids")),
            "link_session_id": str(uuid.uuid4()),
            "transfer_status": None,
        },
    }


def _update(emu: Emulator, record: LinkToken, item: ItemRecord, wanted: object) -> None:
    """Update mode: the login is repaired, and the accounts selected (Account Select) are
    shared; accounts can only be selected where Account Select is on, as in Plaid's Link."""
    if wanted is not None:
        if not _selection_enabled(record, item):
            raise errors.invalid_field(
                "account selection is not enabled for this link token: create it with "
                "update.account_selection_enabled"
            )
        known = {generator.account_id(item.seed, t.slot) for t in item_accounts(item)}
        new_accounts.share(emu, item, new_accounts.check_selection(item, known, wanted))
    if item.error_code:
        # As Plaid: LOGIN_REPAIRED is only for a repair made outside the app's own Link.
        item.error_code = None
        emu.store.save()


def _exit_metadata(body: dict[str, Any], rid: str) -> dict[str, Any]:
    inst = institutions.BY_ID.get(str(body.get("institution_id")))
    return {
        "institution": {"name": inst.name, "institution_id": inst.institution_id} if inst else None,
        "status": "requires_credentials",
        "link_session_id": str(uuid.uuid4()),
        "request_id": rid,
    }


def routes(emu: Emulator) -> list[Route]:
    async def get_session(request: Request) -> Response:
        rid = request_id()
        try:
            return PlaidJSONResponse(session(emu, dict(request.query_params)))
        except errors.PlaidError as exc:
            return error_response(exc, rid)

    async def post_complete(request: Request) -> Response:
        rid = request_id()
        body: dict[str, Any] = {}
        try:
            body = await read_json_object(request)
            return PlaidJSONResponse(complete(emu, body))
        except errors.PlaidError as exc:
            # Shaped like Link's onExit(error, metadata).
            return PlaidJSONResponse(
                {"error": exc.link_exit(), "metadata": _exit_metadata(body, rid)},
                status_code=exc.status,
            )

    return [
        Route("/link/session", get_session, methods=["GET"]),
        Route("/link/session/complete", post_complete, methods=["POST"]),
    ]
