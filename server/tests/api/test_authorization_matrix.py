"""Every API route × {anonymous, owner, another user, admin} × {own id, missing id}.

The routes come from the app's own OpenAPI table: a route missing from ACCESS fails the
test, so each new route has to say who may call it.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.users import log_in

pytestmark = pytest.mark.reliability

PUBLIC, SIGNED, SESSION, ADMIN, OWNED = "public", "signed", "session", "admin", "owned"
# The path's user only: administrators are refused too.
SELF = "self"
# The resource's owner only: to an administrator someone else's is not found either.
OWNER = "owner"

ACCESS = {
    "GET /api/health": PUBLIC,
    "GET /api/config": PUBLIC,
    "GET /api/ready": PUBLIC,
    "POST /api/users": PUBLIC,
    "POST /api/sessions": PUBLIC,
    "DELETE /api/sessions": PUBLIC,
    "POST /api/sessions/refresh": SESSION,  # the refresh cookie is the session
    # The password step's short-lived cookie is what it completes.
    "POST /api/sessions/two-factor": PUBLIC,
    "POST /api/sessions/passkey/options": PUBLIC,
    "POST /api/sessions/passkey": PUBLIC,
    "POST /api/webhooks/plaid": SIGNED,
    "GET /api/users": ADMIN,
    "GET /api/sync-requests": ADMIN,
    "POST /api/invites": ADMIN,
    "GET /api/invites": ADMIN,
    "DELETE /api/invites/{invite_id}": ADMIN,
    "GET /api/sessions/me": SESSION,
    "GET /api/two-factor": SESSION,
    "POST /api/two-factor/totp": SESSION,
    "POST /api/two-factor/totp/confirm": SESSION,
    "DELETE /api/two-factor/totp": SESSION,
    "POST /api/two-factor/recovery-codes": SESSION,
    "GET /api/two-factor/policy": ADMIN,
    "PUT /api/two-factor/policy": ADMIN,
    "POST /api/two-factor/passkeys/options": SESSION,
    "POST /api/two-factor/passkeys": SESSION,
    # Removes the caller's own passkey only (another's is not found).
    "DELETE /api/two-factor/passkeys/{passkey_id}": SESSION,
    "POST /api/link-token": SESSION,
    "POST /api/link-event": SESSION,
    "GET /api/services/ngrok": SESSION,
    "POST /api/items": SESSION,
    "POST /api/items/sandbox/item/reset_login": SESSION,
    "GET /api/institutions": SESSION,
    "GET /api/institutions/{institution_id}": SESSION,
    "POST /api/assets": SESSION,
    "GET /api/users/{user_id}": OWNED,
    "DELETE /api/users/{user_id}": OWNED,
    "PUT /api/users/{user_id}/password": SELF,
    "DELETE /api/users/{user_id}/sessions": OWNED,
    "GET /api/users/{user_id}/preferences": OWNED,
    "PATCH /api/users/{user_id}/preferences": OWNED,
    "GET /api/users/{user_id}/items": OWNED,
    "GET /api/items/{item_id}": OWNED,
    "PUT /api/items/{item_id}": OWNED,
    "DELETE /api/items/{item_id}": OWNED,
    "GET /api/items/{item_id}/accounts": OWNED,
    "GET /api/items/{item_id}/transactions": OWNED,
    "POST /api/items/{item_id}/sync": OWNED,
    "POST /api/items/{item_id}/new-accounts": OWNED,
    "POST /api/items/{item_id}/login-fixed": OWNED,
    "GET /api/users/{user_id}/accounts": OWNED,
    "GET /api/accounts/{account_id}/transactions": OWNED,
    "PATCH /api/accounts/{account_id}": OWNER,
    "DELETE /api/accounts/{account_id}": OWNER,
    "POST /api/users/{user_id}/manual-accounts": SELF,
    "POST /api/accounts/{account_id}/transactions": OWNER,
    "GET /api/accounts/{account_id}/balance-history": OWNED,
    "GET /api/accounts/{account_id}/daily-balances": OWNED,
    "GET /api/users/{user_id}/transactions": OWNED,
    "POST /api/users/{user_id}/transactions/sync": OWNED,
    "GET /api/users/{user_id}/transactions.csv": OWNED,
    "GET /api/users/{user_id}/categories": OWNED,
    "POST /api/users/{user_id}/categories": OWNED,
    "PATCH /api/users/{user_id}/categories/{code}": OWNED,
    "DELETE /api/users/{user_id}/categories/{code}": OWNED,
    "POST /api/users/{user_id}/categories/{code}/merge": OWNED,
    "GET /api/users/{user_id}/category-groups": OWNED,
    "POST /api/users/{user_id}/category-groups": OWNED,
    "PATCH /api/users/{user_id}/category-groups/{group}": OWNED,
    "DELETE /api/users/{user_id}/category-groups/{group}": OWNED,
    "POST /api/users/{user_id}/transactions/bulk-edit": OWNED,
    "PATCH /api/transactions/{transaction_id}": OWNED,
    "POST /api/transactions/{transaction_id}/revert": OWNED,
    "DELETE /api/transactions/{transaction_id}": OWNER,
    "PUT /api/transactions/{transaction_id}/splits": OWNED,
    "DELETE /api/transactions/{transaction_id}/splits": OWNED,
    "GET /api/transactions/{transaction_id}/logo": OWNED,
    "GET /api/transactions/{transaction_id}/transfer-candidates": OWNED,
    "GET /api/users/{user_id}/transfers": OWNED,
    "POST /api/users/{user_id}/transfers": OWNED,
    "POST /api/users/{user_id}/transfers/match": OWNED,
    "POST /api/transfers/{transfer_id}/confirm": OWNED,
    "DELETE /api/transfers/{transfer_id}": OWNED,
    "GET /api/users/{user_id}/insights/spending": OWNED,
    "GET /api/users/{user_id}/insights/monthly": OWNED,
    "GET /api/users/{user_id}/insights/trends": OWNED,
    "GET /api/users/{user_id}/insights/merchants": OWNED,
    "GET /api/users/{user_id}/cash-flow": OWNED,
    "GET /api/users/{user_id}/cash-flow/{month}": OWNED,
    "GET /api/users/{user_id}/budgets/settings": OWNED,
    "PUT /api/users/{user_id}/budgets/settings": OWNED,
    "GET /api/users/{user_id}/budgets/{month}": OWNED,
    "PUT /api/users/{user_id}/budgets/{month}/lines": OWNED,
    "POST /api/users/{user_id}/budgets/{month}/copy-previous": OWNED,
    "POST /api/users/{user_id}/budgets/{month}/fill": OWNED,
    "GET /api/users/{user_id}/rules": OWNED,
    "POST /api/users/{user_id}/rules": OWNED,
    "PUT /api/users/{user_id}/rules/order": OWNED,
    "POST /api/users/{user_id}/rules/apply": OWNED,
    "POST /api/users/{user_id}/rules/preview": OWNED,
    "PUT /api/rules/{rule_id}": OWNED,
    "DELETE /api/rules/{rule_id}": OWNED,
    "GET /api/users/{user_id}/assets": OWNED,
    "PUT /api/assets/{asset_id}": OWNED,
    "DELETE /api/assets/{asset_id}": OWNED,
    "GET /api/users/{user_id}/net-worth": OWNED,
    "GET /api/users/{user_id}/net-worth/history": OWNED,
    "GET /api/users/{user_id}/net-worth/daily": OWNED,
    "GET /api/users/{user_id}/recurring": OWNED,
    "PUT /api/users/{user_id}/recurring/{stream_id}": OWNED,
    "GET /api/users/{user_id}/forecast": OWNED,
    "PUT /api/users/{user_id}/forecast/settings": OWNED,
    "GET /api/users/{user_id}/notices": OWNED,
    "POST /api/users/{user_id}/notices/read": OWNED,
    "GET /api/users/{user_id}/notices/settings": OWNED,
    "PUT /api/users/{user_id}/notices/settings": OWNED,
}
# Deletions last, the user's own deletion at the very end.
ORDER = ["/api/rules/", "/api/assets/", "/api/items/", "/api/users/{user_id}/", "/api/users/"]
# Routes after which the owner logs in again (they end the owner's sessions).
ENDS_SESSIONS = {"DELETE /api/users/{user_id}/sessions"}
DENIED = {401, 403, 404}
PARAM = re.compile(r"\{(\w+)\}")


def routes(stack: Stack) -> list[str]:
    table = stack.app.api.openapi()["paths"]
    found = [f"{method.upper()} {path}" for path, ops in table.items() for method in ops]

    def position(route: str) -> tuple[int, int]:
        method, path = route.split(" ", 1)
        if method != "DELETE":
            return (0, 0)
        return (1, next((n for n, prefix in enumerate(ORDER) if path.startswith(prefix)), 0))

    return sorted(found, key=position)


async def call(http: httpx.AsyncClient, route: str, ids: dict[str, Any]) -> int:
    method, template = route.split(" ", 1)
    path = PARAM.sub(lambda match: str(ids[match.group(1)]), template)
    body: dict[str, Any] | None = {} if method in {"POST", "PUT", "PATCH"} else None
    response = await http.request(method, path, json=body)
    assert response.status_code < 500, (route, response.status_code, response.text)
    return response.status_code


async def a_transfer(owner: httpx.AsyncClient, user_id: int) -> dict[str, Any]:
    """Two of the owner's transactions matched by hand: money out of one account, in to
    another."""
    rows = (await owner.get(f"/api/users/{user_id}/transactions", params={"limit": 500})).json()
    out = next(tx for tx in rows if float(tx["amount"]) > 0 and tx["transfer"] is None)
    into = next(
        tx
        for tx in rows
        if float(tx["amount"]) < 0
        and tx["account_id"] != out["account_id"]
        and tx["transfer"] is None
    )
    made = await owner.post(
        f"/api/users/{user_id}/transfers", json={"transaction_ids": [out["id"], into["id"]]}
    )
    assert made.status_code == 201, made.text
    found: dict[str, Any] = made.json()
    return found


async def a_stream(owner: httpx.AsyncClient, user_id: int) -> str:
    streams = (await owner.get(f"/api/users/{user_id}/recurring")).json()["streams"]
    stream_id: str = streams[0]["stream_id"]
    return stream_id


async def test_who_may_call_every_route(stack: Stack) -> None:
    async with (
        stack.client() as admin,
        stack.client() as owner,
        stack.client() as other,
        stack.client() as anonymous,
    ):
        await signed_up(admin, "root")  # the first user administers the installation
        alice = await signed_up(owner, "alice")
        await signed_up(other, "mallory")
        item = (await add_bank(owner, stack))[0].json()
        stack.settle()
        account = (await owner.get(f"/api/items/{item['id']}/accounts")).json()[0]
        # A posted one with a merchant's logo, so that its owner gets it (200, not 404): the
        # item's Refresh below asks the bank, which posts pending ones.
        transaction = next(
            tx
            for tx in (
                await owner.get(
                    f"/api/users/{alice['id']}/transactions",
                    params={"limit": 50, "pending": "false"},
                )
            ).json()
            if tx["has_logo"]
        )
        rule = (
            await owner.post(
                f"/api/users/{alice['id']}/rules", json={"match_name": "a", "set_name": "b"}
            )
        ).json()
        asset = (await owner.post("/api/assets", json={"description": "Car", "value": "1"})).json()
        transfer = await a_transfer(owner, alice["id"])
        invite = (await admin.post("/api/invites", json={})).json()
        own = {
            "user_id": alice["id"],
            "item_id": item["id"],
            "account_id": account["id"],
            "transaction_id": transaction["id"],
            "rule_id": rule["id"],
            "asset_id": asset["id"],
            "transfer_id": transfer["id"],
            "invite_id": invite["id"],
            "institution_id": "ins_109508",
            "month": "2026-01",
            "stream_id": await a_stream(owner, alice["id"]),
            "code": "TRAVEL_FLIGHTS",
            "group": "TRAVEL",
            "passkey_id": 1,
        }
        kept = {"institution_id", "month"}  # not ids: the same in both
        missing = {key: (987654 if key not in kept else own[key]) for key in own}
        missing["stream_id"] = "0" * 24

        table = routes(stack)
        unlisted = sorted(set(table) - set(ACCESS))
        assert not unlisted, f"routes with no entry in ACCESS: {unlisted}"
        assert not set(ACCESS) - set(table), "ACCESS lists routes that no longer exist"

        for route in table:
            kind = ACCESS[route]
            if "{stream_id}" in route:
                # A stream's id follows its merchant's name, which the routes before (the
                # rule applied) may have changed: one of the streams as they are now.
                own["stream_id"] = await a_stream(owner, alice["id"])
            anonymous_status = await call(anonymous, route, own)
            if kind in {PUBLIC}:
                assert anonymous_status != 401, route
            else:
                assert anonymous_status == 401, (route, anonymous_status)
            if kind == ADMIN:
                assert await call(owner, route, own) == 403, route
                assert await call(admin, route, own) not in DENIED, route
            if kind == SESSION:
                assert await call(other, route, own) not in {401, 403}, route
            if kind == OWNED:
                assert await call(other, route, own) == 404, (route, "another user")
                assert await call(owner, route, missing) == 404, (route, "missing id")
                assert await call(admin, route, missing) == 404, (route, "admin, missing id")
                if not route.startswith("DELETE"):
                    assert await call(owner, route, own) not in DENIED, (route, "owner")
                assert await call(admin, route, own) not in DENIED, (route, "admin")
            if kind == SELF:
                assert await call(other, route, own) == 404, (route, "another user")
                assert await call(admin, route, own) == 403, (route, "admin")
                assert await call(owner, route, own) not in DENIED, (route, "owner")
            if kind == OWNER:
                assert await call(other, route, own) == 404, (route, "another user")
                assert await call(owner, route, missing) == 404, (route, "missing id")
                assert await call(admin, route, own) == 404, (route, "admin")
                assert await call(owner, route, own) not in DENIED, (route, "owner")
            if route in ENDS_SESSIONS:
                await log_in(owner, "alice")

        # Resources named in a body are checked too.
        reset = await other.post(
            "/api/items/sandbox/item/reset_login", json={"item_id": item["id"]}
        )
        assert reset.status_code == 404
        update = await other.post("/api/link-token", json={"item_id": item["id"]})
        assert update.status_code == 404


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_matrix_knows_every_route(stack: Stack) -> None:
    assert set(routes(stack)) == set(ACCESS)
