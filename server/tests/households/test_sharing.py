"""Households: what a member of a share sees of the owner's money (exactly the shared
accounts), what they may do with it, and how the owner changes or ends it."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.logs import configure_logging
from pattern.auth.cookies import ACCESS_COOKIE
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.sockets import person_socket

pytestmark = pytest.mark.reliability


async def all_rows(http: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every page of a list."""
    rows: list[dict[str, Any]] = []
    while True:
        found = await http.get(path, params={"limit": 500, "offset": len(rows), **params})
        assert found.status_code == 200, found.text
        rows += found.json()
        if len(rows) >= int(found.headers["X-Total-Count"]):
            return rows


async def alice_and_bob(stack: Stack, alice: httpx.AsyncClient, bob: httpx.AsyncClient) -> Any:
    """Alice with a bank of several accounts; bob with none."""
    me = await signed_up(alice, "alice")
    friend = await signed_up(bob, "bob")
    item = (await add_bank(alice, stack))[0].json()
    stack.settle()
    accounts = (await alice.get(f"/api/users/{me['id']}/accounts")).json()
    assert len(accounts) >= 3
    return me, friend, item, accounts


async def share(alice: httpx.AsyncClient, owner_id: int, **body: Any) -> dict[str, Any]:
    made = await alice.post(f"/api/users/{owner_id}/shares", json=body)
    assert made.status_code == 201, made.text
    found: dict[str, Any] = made.json()
    return found


def busiest(rows: list[dict[str, Any]]) -> int:
    """The account with the most spending rows (so the shared one has some)."""
    counts: dict[int, int] = {}
    for row in rows:
        counts[row["account_id"]] = counts.get(row["account_id"], 0) + 1
    return max(counts, key=lambda account_id: counts[account_id])


async def test_a_view_only_share_shows_exactly_the_shared_account(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        me, friend, _item, accounts = await alice_and_bob(stack, alice, bob)
        base = f"/api/users/{me['id']}"
        everything = await all_rows(alice, f"{base}/transactions")
        shared_id = busiest(everything)
        made = await share(alice, me["id"], username="bob", role="view", account_ids=[shared_id])
        assert made["member"] == {"id": friend["id"], "username": "bob"}
        assert made["invite_token"] is None

        received = (await bob.get(f"/api/users/{friend['id']}/shared-with-me")).json()
        assert received == [
            {
                "id": made["id"],
                "owner": {"id": me["id"], "username": "alice"},
                "role": "view",
                "budget": False,
                "account_ids": [shared_id],
            }
        ]
        # The accounts, the banks and the transactions: the shared account's alone.
        seen = (await bob.get(f"{base}/accounts")).json()
        assert [account["id"] for account in seen] == [shared_id]
        banks = (await bob.get(f"{base}/items")).json()
        assert [bank["id"] for bank in banks] == [seen[0]["item_id"]]
        rows = await all_rows(bob, f"{base}/transactions")
        expected = [row for row in everything if row["account_id"] == shared_id]
        assert [row["id"] for row in rows] == [row["id"] for row in expected]
        assert len(rows) < len(everything)
        other = next(row for row in everything if row["account_id"] != shared_id)
        # Asking for another account, or searching for its words, finds nothing.
        assert await all_rows(bob, f"{base}/transactions", account=other["account_id"]) == []
        hers = await all_rows(alice, f"{base}/transactions", search=other["name"])
        his = await all_rows(bob, f"{base}/transactions", search=other["name"])
        assert other["id"] in {row["id"] for row in hers}
        assert {row["account_id"] for row in his} <= {shared_id}
        assert {row["id"] for row in his} < {row["id"] for row in hers}
        assert (
            await bob.get(f"/api/accounts/{other['account_id']}/transactions")
        ).status_code == 404
        shared_rows = await all_rows(bob, f"/api/accounts/{shared_id}/transactions")
        assert len(shared_rows) == len(rows)
        csv = await bob.get(f"{base}/transactions.csv")
        assert csv.status_code == 200
        assert len(csv.text.strip().splitlines()) == len(rows) + 1  # and the header

        # Net worth: the shared account's balance, no assets, no other account.
        balance = Decimal(str(seen[0]["current_balance"]))
        worth = (await bob.get(f"{base}/net-worth")).json()
        assert [Decimal(w["assets"]) + Decimal(w["liabilities"]) for w in worth] == [balance]
        assert (await bob.get(f"{base}/net-worth/daily")).status_code == 200

        # Insights count the shared account alone: a month's spending is its list's.
        month = expected[0]["date"][:7]
        spending = (await bob.get(f"{base}/insights/spending", params={"month": month})).json()
        spent = await all_rows(bob, f"{base}/transactions", month=month, flow="spending")
        assert Decimal(spending["total"]) == sum(Decimal(row["amount"]) for row in spent)
        all_spending = (
            await alice.get(f"{base}/insights/spending", params={"month": month})
        ).json()
        assert Decimal(spending["total"]) <= Decimal(all_spending["total"])
        for figure in ("monthly", "trends", "merchants"):
            assert (await bob.get(f"{base}/insights/{figure}")).status_code == 200

        # A transfer to an account not shared shows, without naming that account.
        out = next(r for r in expected if Decimal(r["amount"]) > 0 and r["transfer"] is None)
        into = next(
            r
            for r in everything
            if r["account_id"] != shared_id and Decimal(r["amount"]) < 0 and r["transfer"] is None
        )
        paired = await alice.post(
            f"{base}/transfers", json={"transaction_ids": [out["id"], into["id"]]}
        )
        assert paired.status_code == 201, paired.text
        his_rows = await all_rows(bob, f"{base}/transactions")
        link = next(r for r in his_rows if r["id"] == out["id"])["transfer"]
        assert link["other_account_name"] == "an account not shared with you"
        assert into["account_name"] not in str(his_rows)

        # View only: no edits; the transaction of an account not shared is not there.
        edit = await bob.patch(f"/api/transactions/{rows[0]['id']}", json={"name": "Mine"})
        assert edit.status_code == 403
        assert edit.json()["error"]["code"] == "view_only_share"
        assert (
            await bob.patch(f"/api/transactions/{other['id']}", json={"name": "x"})
        ).status_code == 404
        bulk = await bob.post(f"{base}/transactions/bulk-edit", json={"hidden": True})
        assert bulk.status_code == 403
        # What the share does not include answers as if there were nothing.
        for path in (
            "budgets/current",
            "budgets/settings",
            "cash-flow",
            "recurring",
            "assets",
            "notices",
            "net-worth/history",
            "transfers",
            "preferences",
            "audit",
            "forecast",
        ):
            assert (await bob.get(f"{base}/{path}")).status_code == 404, path
        assert (await bob.delete(f"/api/items/{seen[0]['item_id']}")).status_code == 404
        assert (await bob.get(f"{base}/rules")).json() == []  # hers name no shared account
        assert (await alice.get(f"{base}/transactions", params={"limit": 1})).status_code == 200
        # Alice's own pages are unchanged.
        assert len(await all_rows(alice, f"{base}/transactions")) == len(everything)


async def test_view_and_edit_with_the_household_budget(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        me, _friend, _item, _accounts = await alice_and_bob(stack, alice, bob)
        base = f"/api/users/{me['id']}"
        everything = await all_rows(alice, f"{base}/transactions")
        shared_id = busiest(everything)
        await share(
            alice, me["id"], username="bob", role="edit", account_ids=[shared_id], budget=True
        )
        row = next(row for row in everything if row["account_id"] == shared_id)

        edited = await bob.patch(
            f"/api/transactions/{row['id']}",
            json={"category": "TRAVEL", "subcategory": "TRAVEL_FLIGHTS"},
        )
        assert edited.status_code == 200, edited.text
        mine = await all_rows(alice, f"{base}/transactions")
        assert next(r for r in mine if r["id"] == row["id"])["category"] == "TRAVEL"
        # Not the amount: that is the owner's (and a bank's cannot change anyway).
        amount = await bob.patch(f"/api/transactions/{row['id']}", json={"amount": "1.00"})
        assert amount.status_code == 403
        assert (await bob.post(f"/api/transactions/{row['id']}/revert")).status_code == 200

        # The household budget: alice's lines, bob's edits, the shared account's spending.
        lines = {"lines": [{"category": "TRAVEL", "subcategory": None, "amount": "123.00"}]}
        set_by_bob = await bob.put(f"{base}/budgets/current/lines", json=lines)
        assert set_by_bob.status_code == 200, set_by_bob.text
        hers = (await alice.get(f"{base}/budgets/current")).json()
        budgeted = {group["category"]: group["budgeted"] for group in hers["groups"]}
        assert Decimal(budgeted["TRAVEL"]) == Decimal("123.00")
        his = (await bob.get(f"{base}/budgets/current")).json()
        assert Decimal(his["totals"]["spent"]) <= Decimal(hers["totals"]["spent"])
        # The budget's settings and the averages stay hers.
        assert (
            await bob.put(f"{base}/budgets/settings", json={"month_start_day": 5})
        ).status_code == 404
        assert (
            await bob.post(f"{base}/budgets/current/fill", params={"months": 3})
        ).status_code == 404


async def test_the_owner_changes_and_ends_a_share(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        me, friend, _item, accounts = await alice_and_bob(stack, alice, bob)
        base = f"/api/users/{me['id']}"
        first, second = accounts[0]["id"], accounts[1]["id"]
        made = await share(alice, me["id"], username="bob", role="view", account_ids=[first])
        assert [a["id"] for a in (await bob.get(f"{base}/accounts")).json()] == [first]

        changed = await alice.put(
            f"/api/shares/{made['id']}", json={"role": "edit", "account_ids": [second]}
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["account_ids"] == [second]
        assert [a["id"] for a in (await bob.get(f"{base}/accounts")).json()] == [second]
        # Only its owner changes it.
        refused = await bob.put(
            f"/api/shares/{made['id']}", json={"role": "edit", "account_ids": [second]}
        )
        assert refused.status_code == 404

        ended = await alice.delete(f"/api/shares/{made['id']}")
        assert ended.status_code == 204
        for path in ("accounts", "transactions", "items", "net-worth", "insights/spending"):
            assert (await bob.get(f"{base}/{path}")).status_code == 404, path
        assert (await bob.get(f"/api/users/{friend['id']}/shared-with-me")).json() == []
        assert (await alice.get(f"{base}/shares")).json() == []
        audit = (await alice.get(f"{base}/audit")).json()
        actions = [event["action"] for event in audit]
        assert {"share_given", "share_changed", "share_ended"} <= set(actions)


async def test_a_member_leaves_and_bad_shares_change_nothing(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob, stack.client() as mallory:
        me, friend, _item, accounts = await alice_and_bob(stack, alice, bob)
        base = f"/api/users/{me['id']}"
        other = await signed_up(mallory, "mallory")
        theirs = (await add_bank(mallory, stack))[0].json()
        stack.settle()
        not_hers = (await mallory.get(f"/api/items/{theirs['id']}/accounts")).json()[0]["id"]
        mine = accounts[0]["id"]
        refused = [
            ({"username": "bob", "role": "view", "account_ids": [not_hers]}, 422),
            ({"username": "nobody", "role": "view", "account_ids": [mine]}, 422),
            ({"username": "alice", "role": "view", "account_ids": [mine]}, 422),
            ({"username": "bob", "role": "owner", "account_ids": [mine]}, 422),
            ({"username": "bob", "role": "view", "account_ids": []}, 422),
        ]
        for body, status in refused:
            answer = await alice.post(f"{base}/shares", json=body)
            assert answer.status_code == status, (body, answer.text)
        assert (await alice.get(f"{base}/shares")).json() == []

        made = await share(alice, me["id"], username="bob", role="view", account_ids=[mine])
        again = await alice.post(
            f"{base}/shares", json={"username": "bob", "role": "edit", "account_ids": [mine]}
        )
        assert again.status_code == 409
        # Someone else can neither end it nor read through it.
        assert (await mallory.delete(f"/api/shares/{made['id']}")).status_code == 404
        assert (await mallory.get(f"{base}/accounts")).status_code == 404
        assert (await mallory.get(f"/api/users/{other['id']}/shared-with-me")).json() == []
        left = await bob.delete(f"/api/shares/{made['id']}")
        assert left.status_code == 204
        assert (await bob.get(f"{base}/accounts")).status_code == 404
        assert [e["action"] for e in (await bob.get(f"/api/users/{friend['id']}/audit")).json()][
            0
        ] == "share_left"


async def test_an_invite_link_works_once_for_someone_else(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob, stack.client() as carol:
        me, _friend, _item, accounts = await alice_and_bob(stack, alice, bob)
        base = f"/api/users/{me['id']}"
        mine = accounts[0]["id"]
        made = await share(alice, me["id"], role="view", account_ids=[mine])
        token = made["invite_token"]
        assert made["member"] is None
        assert token
        assert made["invite_expires_at"]
        # The secret is shown once: the list does not hold it.
        assert token not in (await alice.get(f"{base}/shares")).text
        assert (await bob.get(f"{base}/accounts")).status_code == 404

        assert (await alice.post("/api/shares/accept", json={"token": token})).status_code == 422
        taken = await bob.post("/api/shares/accept", json={"token": token})
        assert taken.status_code == 200, taken.text
        assert taken.json()["owner"]["username"] == "alice"
        assert [a["id"] for a in (await bob.get(f"{base}/accounts")).json()] == [mine]
        await signed_up(carol, "carol")
        assert (await carol.post("/api/shares/accept", json={"token": token})).status_code == 404
        assert (await carol.post("/api/shares/accept", json={"token": "nope"})).status_code == 404
        listed = (await alice.get(f"{base}/shares")).json()
        assert listed[0]["member"]["username"] == "bob"
        assert listed[0]["invite_expires_at"] is None


async def test_a_members_socket_hears_the_shared_bank_while_the_share_lasts(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        me, _friend, item, accounts = await alice_and_bob(stack, alice, bob)
        made = await share(
            alice, me["id"], username="bob", role="view", account_ids=[accounts[0]["id"]]
        )
        heard: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        sio = await person_socket(
            stack.url,
            bob.cookies[ACCESS_COOKIE],
            {"*": lambda event, data=None: heard.put_nowait((event, data))},
        )
        emit = stack.app.parts.realtime.emit_to_user
        try:
            news = {"item_id": item["id"], "added": 3, "modified": 0, "removed": 0}
            stack.run(emit(me["id"], "NEW_TRANSACTIONS_DATA", news))
            # The bank and whose it is; not how many rows changed in all its accounts.
            got = await asyncio.wait_for(heard.get(), 5)
            assert got == ("NEW_TRANSACTIONS_DATA", {"item_id": item["id"], "owner_id": me["id"]})
            # Another bank of hers, and what is hers alone, do not reach him.
            stack.run(emit(me["id"], "NEW_TRANSACTIONS_DATA", {"item_id": item["id"] + 1}))
            stack.run(emit(me["id"], "NOTICES_CHANGED", {"item_id": item["id"]}))
            stack.run(emit(me["id"], "SYNC_COMPLETED", {"items": 1}))

            assert (await alice.delete(f"/api/shares/{made['id']}")).status_code == 204
            assert await asyncio.wait_for(heard.get(), 5) == ("SHARES_CHANGED", {})
            stack.run(emit(me["id"], "NEW_TRANSACTIONS_DATA", news))
            await asyncio.sleep(0.5)
            assert heard.empty()
        finally:
            await sio.disconnect()


async def test_an_invite_links_secret_is_shown_once_and_never_logged(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")  # the product's logging, at its most talkative
    logging.getLogger().addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    async with stack.client() as alice, stack.client() as bob:
        me, friend, _item, accounts = await alice_and_bob(stack, alice, bob)
        made = await share(alice, me["id"], role="edit", account_ids=[accounts[0]["id"]])
        token = made["invite_token"]
        assert (await bob.post("/api/shares/accept", json={"token": token})).status_code == 200
        later = [
            (await alice.get(f"/api/users/{me['id']}/shares")).text,
            (await alice.get(f"/api/users/{me['id']}/audit")).text,
            (await bob.get(f"/api/users/{friend['id']}/audit")).text,
            (await bob.get(f"/api/users/{friend['id']}/shared-with-me")).text,
        ]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "POST /api/shares/accept 200" in logged  # the request log did run
    assert token not in logged
    assert all(token not in body for body in later)


async def test_an_editor_makes_rules_for_the_shared_accounts_alone(stack: Stack) -> None:
    async with stack.client() as alice, stack.client() as bob:
        me, _friend, _item, accounts = await alice_and_bob(stack, alice, bob)
        base = f"/api/users/{me['id']}"
        everything = await all_rows(alice, f"{base}/transactions")
        shared_id = busiest(everything)
        other_id = next(a["id"] for a in accounts if a["id"] != shared_id)
        made = await share(alice, me["id"], username="bob", role="edit", account_ids=[shared_id])
        hers = await alice.post(f"{base}/rules", json={"match_name": "a", "set_name": "Hers"})
        assert hers.status_code == 201

        # A name both accounts have: the rule renames the shared account's rows alone.
        word = next(
            r["name"]
            for r in everything
            if r["account_id"] == shared_id
            and any(o["name"] == r["name"] and o["account_id"] != shared_id for o in everything)
        )
        rule = {"match_name": word, "set_name": "Household", "match_account_ids": [shared_id]}
        for bad in (
            {**rule, "match_account_ids": None},
            {**rule, "match_account_ids": [other_id]},
            {**rule, "match_account_ids": [shared_id, other_id]},
        ):
            refused = await bob.post(f"{base}/rules", json=bad)
            assert refused.status_code == 422, refused.text
        preview = (await bob.post(f"{base}/rules/preview", json=rule)).json()
        assert preview["changed"] > 0
        assert {s["id"] for s in preview["samples"]} <= {
            r["id"] for r in everything if r["account_id"] == shared_id
        }
        created = await bob.post(f"{base}/rules", params={"apply": "true"}, json=rule)
        assert created.status_code == 201, created.text
        after = await all_rows(alice, f"{base}/transactions")
        renamed = {r["account_id"] for r in after if r["name"] == "Household"}
        assert renamed == {shared_id}
        assert any(r["name"] == word and r["account_id"] != shared_id for r in after)

        # He sees his rule, not hers; hers is not his to change.
        listed = (await bob.get(f"{base}/rules")).json()
        assert [r["id"] for r in listed] == [created.json()["id"]]
        assert (await bob.put(f"/api/rules/{hers.json()['id']}", json=rule)).status_code == 404
        assert (await bob.delete(f"/api/rules/{hers.json()['id']}")).status_code == 404
        assert (await bob.post(f"{base}/rules/apply")).status_code == 404
        # View only: he may look at it, not change it.
        await alice.put(
            f"/api/shares/{made['id']}", json={"role": "view", "account_ids": [shared_id]}
        )
        assert [r["id"] for r in (await bob.get(f"{base}/rules")).json()] == [created.json()["id"]]
        assert (await bob.delete(f"/api/rules/{created.json()['id']}")).status_code == 403
        assert (await bob.post(f"{base}/rules", json=rule)).status_code == 403
