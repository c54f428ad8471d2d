"""Transfers with the real SDK and the emulator: a sync pass matches what it brought, and
the person's decisions stay through later syncs, a posted pending one included."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.models import Transaction
from tests.support.factories import make_transaction
from tests.support.plaid_stack import Stack, add_bank, signed_up

pytestmark = pytest.mark.reliability


async def emulator_control(stack: Stack, action: str, item_id: int) -> None:
    async with stack.emulator() as emulator:
        response = await emulator.post(
            f"/emulator/items/{action}", json={"access_token": stack.access_token(item_id)}
        )
        assert response.status_code == 200, response.text


def add_rows(stack: Stack, rows: list[tuple[int, str, str]]) -> list[int]:
    """(account, amount, category) rows dated yesterday, as if a bank had sent them; their ids."""

    async def add() -> list[int]:
        async with stack.app.parts.sessionmaker() as session:
            made: list[Transaction] = [
                await make_transaction(
                    session,
                    account_id,
                    name=f"Move {amount}",
                    amount=Decimal(amount),
                    category=category,
                    date=date.today() - timedelta(days=1),
                )
                for account_id, amount, category in rows
            ]
            await session.commit()
            return [tx.id for tx in made]

    return stack.run(add())


async def listed(http: httpx.AsyncClient, user_id: int) -> dict[frozenset[int], dict[str, Any]]:
    pairs = (await http.get(f"/api/users/{user_id}/transfers")).json()
    return {frozenset((p["outflow"]["id"], p["inflow"]["id"])): p for p in pairs}


async def test_decisions_stay_through_later_syncs(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        accounts = {
            a["subtype"]: a["id"] for a in (await http.get(f"/api/items/{item_id}/accounts")).json()
        }
        checking, savings = accounts["checking"], accounts["savings"]
        a_out, a_in, b_out, b_in = add_rows(
            stack,
            [
                (checking, "4321.09", "TRANSFER_OUT"),
                (savings, "-4321.09", "TRANSFER_IN"),
                (checking, "3210.98", "TRANSFER_OUT"),
                (savings, "-3210.98", "TRANSFER_IN"),
            ],
        )
        # A sync pass (a new transaction at the bank, its webhook) matches around its rows.
        await emulator_control(stack, "mutate", item_id)
        stack.settle()
        pairs = await listed(http, user["id"])
        a, b = pairs[frozenset((a_out, a_in))], pairs[frozenset((b_out, b_in))]
        assert (a["status"], b["status"]) == ("auto", "auto")

        # Matched by hand: a pending one at the bank with a row of the other sign.
        rows = (
            await http.get(f"/api/users/{user['id']}/transactions", params={"pending": "true"})
        ).json()
        pending = next(tx for tx in rows if Decimal(tx["amount"]) > 0 and tx["transfer"] is None)
        (opposite,) = add_rows(
            stack,
            [
                (
                    savings if pending["account_id"] != savings else checking,
                    str(-Decimal(pending["amount"])),
                    "GENERAL_MERCHANDISE",
                )
            ],
        )
        made = await http.post(
            f"/api/users/{user['id']}/transfers",
            json={"transaction_ids": [pending["id"], opposite]},
        )
        assert made.status_code == 201, made.text
        assert (await http.post(f"/api/transfers/{a['id']}/confirm")).status_code == 200
        assert (await http.delete(f"/api/transfers/{b['id']}")).status_code == 204

        # The bank posts its pending transactions, then adds one more: two passes.
        await emulator_control(stack, "post_pending", item_id)
        stack.settle()
        await emulator_control(stack, "mutate", item_id)
        stack.settle()

        pairs = await listed(http, user["id"])
        assert pairs[frozenset((a_out, a_in))]["status"] == "confirmed"
        assert frozenset((b_out, b_in)) not in pairs
        manual = next(p for p in pairs.values() if p["status"] == "manual")
        posted = manual["outflow"]
        assert manual["inflow"]["id"] == opposite
        assert posted["id"] != pending["id"]
        assert posted["pending"] is False
        row = (
            await http.get(f"/api/users/{user['id']}/transactions", params={"q": "is:transfer"})
        ).json()
        assert posted["id"] in {tx["id"] for tx in row}
        assert pending["id"] not in {tx["id"] for tx in row}
