"""Every API route × {anonymous, owner, another user, admin} × {own id, missing id}, and
× the owner's read and write API tokens and an administrator's write token, and × the
members of two shares of the owner's (pattern.households): view only, and view and edit.

The routes come from the app's own OpenAPI table: a route missing from ACCESS fails the
test, so each new route has to say who may call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    # Single sign-on: a log-in's start and its return from the provider (404 when off).
    "GET /api/sso/login": PUBLIC,
    "GET /api/sso/callback": PUBLIC,
    "POST /api/webhooks/plaid": SIGNED,
    "GET /api/users": ADMIN,
    "GET /api/audit": ADMIN,
    "POST /api/users/{user_id}/disable": ADMIN,
    "POST /api/users/{user_id}/enable": ADMIN,
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
    "GET /api/users/{user_id}/tokens": SELF,
    "GET /api/users/{user_id}/shares": SELF,
    "POST /api/users/{user_id}/shares": SELF,
    "GET /api/users/{user_id}/shared-with-me": SELF,
    # The share's owner changes it; its owner or its member ends it (another's: 404).
    "PUT /api/shares/{share_id}": SESSION,
    "DELETE /api/shares/{share_id}": SESSION,
    "POST /api/shares/accept": SESSION,
    "POST /api/users/{user_id}/tokens": SELF,
    "DELETE /api/users/{user_id}/tokens/{token_id}": SELF,
    "DELETE /api/users/{user_id}/sessions": OWNED,
    "GET /api/users/{user_id}/audit": OWNED,
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
ENDS_SESSIONS = {"DELETE /api/users/{user_id}/sessions", "POST /api/users/{user_id}/disable"}
# Routes after which the administrator enables the owner's account again first.
DISABLES = {"POST /api/users/{user_id}/disable"}
DENIED = {401, 403, 404}
# What no API token may do, besides the ADMIN routes: these need the web app's session.
SESSION_ONLY = {
    "DELETE /api/users/{user_id}",
    "PUT /api/users/{user_id}/password",
    "DELETE /api/users/{user_id}/sessions",
    "GET /api/users/{user_id}/tokens",
    "POST /api/users/{user_id}/tokens",
    "DELETE /api/users/{user_id}/tokens/{token_id}",
    # Sharing one's money is done in the web app only.
    "GET /api/users/{user_id}/shares",
    "POST /api/users/{user_id}/shares",
    "PUT /api/shares/{share_id}",
    "DELETE /api/shares/{share_id}",
    "POST /api/shares/accept",
    # Second factors are set up and removed in the web app only.
    "POST /api/two-factor/totp",
    "POST /api/two-factor/totp/confirm",
    "DELETE /api/two-factor/totp",
    "POST /api/two-factor/recovery-codes",
    "POST /api/two-factor/passkeys/options",
    "POST /api/two-factor/passkeys",
    "DELETE /api/two-factor/passkeys/{passkey_id}",
}
# What a member of a share of the owner's reaches (the share has the budget): to view.
SHARED_READS = {
    "GET /api/users/{user_id}/accounts",
    "GET /api/users/{user_id}/items",
    "GET /api/users/{user_id}/transactions",
    "GET /api/users/{user_id}/transactions.csv",
    "GET /api/users/{user_id}/categories",
    "GET /api/users/{user_id}/category-groups",
    "GET /api/users/{user_id}/insights/spending",
    "GET /api/users/{user_id}/insights/monthly",
    "GET /api/users/{user_id}/insights/trends",
    "GET /api/users/{user_id}/insights/merchants",
    "GET /api/users/{user_id}/net-worth",
    "GET /api/users/{user_id}/net-worth/daily",
    "GET /api/users/{user_id}/budgets/settings",
    "GET /api/users/{user_id}/budgets/{month}",
    "GET /api/accounts/{account_id}/transactions",
    "GET /api/transactions/{transaction_id}/logo",
    "GET /api/users/{user_id}/rules",
}
# And to edit, when the share lets them (a view-only member gets 403).
SHARED_EDITS = {
    "POST /api/users/{user_id}/transactions/bulk-edit",
    "PATCH /api/transactions/{transaction_id}",
    "POST /api/transactions/{transaction_id}/revert",
    "PUT /api/transactions/{transaction_id}/splits",
    "DELETE /api/transactions/{transaction_id}/splits",
    "PUT /api/users/{user_id}/budgets/{month}/lines",
    # Rules of the shared accounts alone (the matrix's rule names one).
    "POST /api/users/{user_id}/rules",
    "POST /api/users/{user_id}/rules/preview",
    "PUT /api/rules/{rule_id}",
    "DELETE /api/rules/{rule_id}",
}
# Authenticated by the refresh cookie alone: a token is not looked at.
COOKIE_ONLY = {"POST /api/sessions/refresh"}
READING = {"GET", "HEAD", "OPTIONS"}
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


@dataclass
class Tokens:
    """Clients with the owner's read and write API tokens, and an administrator's write
    token (and no cookies)."""

    read: httpx.AsyncClient
    write: httpx.AsyncClient
    admin: httpx.AsyncClient


async def a_token(http: httpx.AsyncClient, user_id: int, scope: str) -> dict[str, Any]:
    made = await http.post(f"/api/users/{user_id}/tokens", json={"name": scope, "scope": scope})
    assert made.status_code == 201, made.text
    found: dict[str, Any] = made.json()
    return found


async def bearing(
    http: httpx.AsyncClient, maker: httpx.AsyncClient, user_id: int, scope: str
) -> httpx.AsyncClient:
    """`http`, sending a new token of `maker`'s (of the person `user_id`)."""
    http.headers["Authorization"] = f"Bearer {(await a_token(maker, user_id, scope))['token']}"
    return http


async def check_tokens_first(
    tokens: Tokens, route: str, kind: str, own: dict[str, Any], missing: dict[str, Any]
) -> None:
    """What the tokens may do, tried before the cookies' calls (nothing here deletes)."""
    if kind in {PUBLIC, SIGNED} or route in COOKIE_ONLY:
        return
    if kind == ADMIN or route in SESSION_ONLY:
        for token in (tokens.read, tokens.write):
            assert await call(token, route, own) == 403, (route, "a token")
        # Not an administrator with a token: someone else's is not found.
        admins = 403 if kind in {ADMIN, SESSION} else 404
        assert await call(tokens.admin, route, own) == admins, (route, "admin's token")
        return
    reading = route.split(" ", 1)[0] in READING
    read_status = await call(tokens.read, route, own)
    if reading:
        assert read_status not in DENIED, (route, "read token", read_status)
    else:
        assert read_status == 403, (route, "read token on a change", read_status)
    if kind in {OWNED, OWNER}:  # an administrator's token acts as an ordinary person
        assert await call(tokens.admin, route, own) == 404, (route, "admin's token")
        assert await call(tokens.write, route, missing) == 404, (route, "token, missing id")
    if not route.startswith("DELETE"):
        write_status = await call(tokens.write, route, own)
        assert write_status not in DENIED, (route, "write token", write_status)


async def check_tokens_after(tokens: Tokens, route: str, kind: str, own: dict[str, Any]) -> None:
    """A deletion by a write token gets past the checks (what it deletes may be gone)."""
    if kind in {PUBLIC, SIGNED, ADMIN} or route in COOKIE_ONLY | SESSION_ONLY:
        return
    if route.startswith("DELETE"):
        assert await call(tokens.write, route, own) not in {401, 403}, (route, "write token")


@dataclass
class Members:
    """Clients of two members of the owner's shares of every account and the budget."""

    viewer: httpx.AsyncClient
    editor: httpx.AsyncClient


async def shared_with(
    owner: httpx.AsyncClient, user_id: int, member: httpx.AsyncClient, name: str, role: str
) -> int:
    """A share of all the owner's accounts and her budget with a new person `name`."""
    await signed_up(member, name)
    accounts = (await owner.get(f"/api/users/{user_id}/accounts")).json()
    made = await owner.post(
        f"/api/users/{user_id}/shares",
        json={
            "username": name,
            "role": role,
            "account_ids": [account["id"] for account in accounts],
            "budget": True,
        },
    )
    assert made.status_code == 201, made.text
    share_id: int = made.json()["id"]
    return share_id


async def check_members(members: Members, route: str, kind: str, own: dict[str, Any]) -> None:
    """Members reach what their share shows and allows, and nothing else of the owner's."""
    if kind not in {OWNED, OWNER, SELF} or route.startswith("DELETE /api/users/{user_id}"):
        return
    if route in SHARED_READS:
        for member in (members.viewer, members.editor):
            assert await call(member, route, own) not in DENIED, (route, "member")
    elif route in SHARED_EDITS:
        assert await call(members.viewer, route, own) == 403, (route, "viewer")
        if not route.startswith("DELETE"):  # a deletion: after the owner's checks
            assert await call(members.editor, route, own) not in DENIED, (route, "editor")
    else:
        for member in (members.viewer, members.editor):
            assert await call(member, route, own) == 404, (route, "member")


async def check_member_deletes(members: Members, route: str, own: dict[str, Any]) -> None:
    """An editor's deletion gets past the checks (what it deletes may be gone)."""
    if route in SHARED_EDITS and route.startswith("DELETE"):
        assert await call(members.editor, route, own) not in {401, 403}, (route, "editor")


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
        stack.client() as read_token,
        stack.client() as write_token,
        stack.client() as admin_token,
        stack.client() as viewer,
        stack.client() as editor,
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
                f"/api/users/{alice['id']}/rules",
                json={"match_name": "a", "set_name": "b", "match_account_ids": [account["id"]]},
            )
        ).json()
        asset = (await owner.post("/api/assets", json={"description": "Car", "value": "1"})).json()
        transfer = await a_transfer(owner, alice["id"])
        invite = (await admin.post("/api/invites", json={})).json()
        root_id = (await admin.get("/api/sessions/me")).json()["id"]
        tokens = Tokens(
            read=await bearing(read_token, owner, alice["id"], "read"),
            write=await bearing(write_token, owner, alice["id"], "write"),
            admin=await bearing(admin_token, admin, root_id, "write"),
        )
        spare = await a_token(owner, alice["id"], "read")  # revoked by the DELETE route
        members = Members(viewer, editor)
        await shared_with(owner, alice["id"], viewer, "victor", "view")
        await shared_with(owner, alice["id"], editor, "edith", "edit")
        # Ended by the DELETE route (its owner's invite link, never taken).
        spare_share = await owner.post(
            f"/api/users/{alice['id']}/shares",
            json={"role": "view", "account_ids": [account["id"]]},
        )
        own = {
            "user_id": alice["id"],
            "item_id": item["id"],
            "account_id": account["id"],
            "transaction_id": transaction["id"],
            "rule_id": rule["id"],
            "asset_id": asset["id"],
            "transfer_id": transfer["id"],
            "invite_id": invite["id"],
            "token_id": spare["id"],
            "institution_id": "ins_109508",
            "month": "2026-01",
            "stream_id": await a_stream(owner, alice["id"]),
            "code": "TRAVEL_FLIGHTS",
            "group": "TRAVEL",
            "passkey_id": 1,
            "share_id": spare_share.json()["id"],
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
            await check_tokens_first(tokens, route, kind, own, missing)
            await check_members(members, route, kind, own)
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
            if route in DISABLES:
                enabled = await admin.post(f"/api/users/{alice['id']}/enable")
                assert enabled.status_code == 200, enabled.text
            if route in ENDS_SESSIONS:
                await log_in(owner, "alice")
            await check_tokens_after(tokens, route, kind, own)
            await check_member_deletes(members, route, own)

        # The owner is gone (the last route deleted her): so are her tokens.
        assert (await tokens.read.get("/api/sessions/me")).status_code == 401

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


# Path parameters for the routes a disabled person calls: any will do, they are refused first.
SAMPLE_PARAMS: dict[str, Any] = {
    "institution_id": "ins_109508",
    "month": "2026-01",
    "stream_id": "0" * 24,
    "code": "TRAVEL_FLIGHTS",
    "group": "TRAVEL",
}


async def test_a_disabled_persons_session_is_refused_on_every_route(stack: Stack) -> None:
    """Once an administrator disables an account, the cookies its browsers hold are
    refused (401) by every route that needs a session, the refresh cookie's included."""
    async with stack.client() as admin, stack.client() as person:
        await signed_up(admin, "root")
        alice = await signed_up(person, "alice")
        assert (await person.get("/api/sessions/me")).status_code == 200
        cookies = httpx.Cookies(person.cookies)
        disabled = await admin.post(f"/api/users/{alice['id']}/disable")
        assert disabled.status_code == 200, disabled.text
        assert disabled.json()["disabled_at"] is not None

        table = routes(stack)
        names = {name for route in table for name in PARAM.findall(route)}
        ids = {name: SAMPLE_PARAMS.get(name, 1) for name in names} | {"user_id": alice["id"]}
        checked = 0
        for route in table:
            if ACCESS[route] in {PUBLIC, SIGNED}:
                continue
            person.cookies = httpx.Cookies(cookies)  # the very cookies it had, each time
            assert await call(person, route, ids) == 401, route
            checked += 1
        assert checked >= 100  # every route but the few public ones
