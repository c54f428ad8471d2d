"""The stored month totals stay true: after each kind of change a person can make (an
edit that moves a transaction to another month, hiding, revert, a rule run, transfers
matched and unmatched by hand), the cash flow, the budget and the monthly insights equal a
recomputation here from the transactions table, for every month."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from pattern.app.factory import PatternApp
from pattern.models import Transaction, TransferPair
from pattern.totals.service import label, refresh_recent
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.plaid_stack import Stack, add_bank, signed_up
from tests.support.users import sign_up_and_log_in

TODAY = date.today()
MONTHS = 4
TRANSFER_CATEGORIES = {"TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS"}
ZERO = Decimal("0.00")


def first_of(offset: int) -> date:
    """The first day of the month `offset` months from this one."""
    index = TODAY.year * 12 + TODAY.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


# (name, amount, month offset, day, category)
SEEDS = [
    ("Pay", "-3000.00", -3, 1, "INCOME"),
    ("Rent", "1500.00", -3, 2, "RENT_AND_UTILITIES"),
    ("Groceries", "210.40", -3, 28, "FOOD_AND_DRINK"),
    ("Pay", "-3000.00", -2, 1, "INCOME"),
    ("Rent", "1500.00", -2, 2, "RENT_AND_UTILITIES"),
    ("Shoes", "89.99", -2, 15, "GENERAL_MERCHANDISE"),
    ("To savings", "400.00", -2, 28, "GENERAL_MERCHANDISE"),  # a transfer, not yet known
    ("Pay", "-3000.00", -1, 1, "INCOME"),
    ("From checking", "-400.00", -1, 1, "GENERAL_MERCHANDISE"),
    ("Uber", "23.50", -1, 9, "TRANSPORTATION"),
    ("Uber", "18.00", 0, 1, "TRANSPORTATION"),
    ("Coffee", "4.75", 0, 1, "FOOD_AND_DRINK"),
]


@pytest.fixture
async def alice(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    ids: dict[str, int] = {}
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        checking = (await make_account(session, item.id)).id
        savings = (await make_account(session, item.id, name="Savings", subtype="savings")).id
        for name, amount, offset, day, category in SEEDS:
            account = savings if name == "From checking" else checking
            tx = await make_transaction(
                session,
                account,
                name=name,
                amount=Decimal(amount),
                date=first_of(offset) + timedelta(days=day - 1),
                category=category,
            )
            ids[f"{name} {offset}"] = tx.id
        await session.commit()
    return {"id": int(user["id"]), "tx": ids}


async def recomputed(
    app: PatternApp, user_id: int, count: int = MONTHS
) -> dict[str, tuple[Decimal, Decimal]]:
    """(income, spending) of each of the last `count` months, from the rows themselves."""
    async with app.parts.sessionmaker() as session:
        paired = {
            plaid_id
            for pair in await session.scalars(select(TransferPair))
            for plaid_id in (pair.outflow_transaction_id, pair.inflow_transaction_id)
        }
        rows = await session.scalars(select(Transaction).where(Transaction.user_id == user_id))
        found: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
        for tx in rows:
            transfer = tx.category in TRANSFER_CATEGORIES or tx.plaid_transaction_id in paired
            if tx.hidden or transfer:
                continue
            sums = found[label(tx.date)]
            if tx.amount < 0:
                sums[0] -= tx.amount
            else:
                sums[1] += tx.amount
    months = [label(first_of(offset)) for offset in range(1 - count, 1)]
    return {month: (found[month][0], found[month][1]) for month in months}


async def served(
    client: httpx.AsyncClient, user_id: int, count: int = MONTHS
) -> dict[str, tuple[Decimal, Decimal]]:
    """The same, as the cash flow, the monthly insights and the budgets serve them."""
    prefix = f"/api/users/{user_id}"
    flow = (await client.get(f"{prefix}/cash-flow", params={"months": count})).json()
    insights = (await client.get(f"{prefix}/insights/monthly", params={"months": count})).json()
    assert insights["months"] == [
        {key: row[key] for key in ("month", "income", "spending", "net")} for row in flow["months"]
    ]
    found = {
        row["month"]: (Decimal(row["income"]), Decimal(row["spending"])) for row in flow["months"]
    }
    for month, (income, spending) in found.items():  # budget months start on the 1st here
        budget = (await client.get(f"{prefix}/budgets/{month}")).json()
        assert (Decimal(budget["income"]), Decimal(budget["totals"]["spent"])) == (
            income,
            spending,
        ), month
        flow_month = (await client.get(f"{prefix}/cash-flow/{month}")).json()
        assert (Decimal(flow_month["income"]), Decimal(flow_month["spending"])) == (
            income,
            spending,
        ), month
    return found


async def agree(
    client: httpx.AsyncClient, app: PatternApp, user_id: int, step: str, count: int = MONTHS
) -> None:
    assert await served(client, user_id, count) == await recomputed(app, user_id, count), step


async def stale_months(app: PatternApp, user_id: int) -> int:
    async with app.parts.sessionmaker() as session:
        return await refresh_recent(session, user_id, TODAY)


async def ok(response: httpx.Response) -> Any:
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


async def test_every_kind_of_change_shows_in_every_month(
    client: httpx.AsyncClient, app: PatternApp, alice: dict[str, Any]
) -> None:
    user_id, tx = alice["id"], alice["tx"]
    await agree(client, app, user_id, "seeded")  # every month now stored
    shoes, uber = tx["Shoes -2"], tx["Uber -1"]

    moved = (first_of(0) + timedelta(days=0)).isoformat()
    await ok(await client.patch(f"/api/transactions/{shoes}", json={"date": moved}))
    await agree(client, app, user_id, "a purchase moved from two months ago to this one")

    await ok(await client.patch(f"/api/transactions/{uber}", json={"hidden": True}))
    await agree(client, app, user_id, "hidden")

    await ok(await client.post(f"/api/transactions/{shoes}/revert"))
    await ok(await client.post(f"/api/transactions/{uber}/revert"))
    await agree(client, app, user_id, "both reverted")

    await ok(
        await client.post(
            f"/api/users/{user_id}/rules",
            json={"match_name": "uber", "set_category": "TRANSFER_OUT"},
        )
    )
    assert (await ok(await client.post(f"/api/users/{user_id}/rules/apply")))["changed"] == 2
    await agree(client, app, user_id, "a rule made the rides transfers")

    ids = [tx["To savings -2"], tx["From checking -1"]]  # across a month's end
    pair = await ok(
        await client.post(f"/api/users/{user_id}/transfers", json={"transaction_ids": ids})
    )
    await agree(client, app, user_id, "matched by hand")

    await ok(await client.delete(f"/api/transfers/{pair['id']}"))
    await agree(client, app, user_id, "unmatched")


async def test_days_changed_within_a_month_leave_its_other_days_as_they_were(
    client: httpx.AsyncClient, app: PatternApp, alice: dict[str, Any]
) -> None:
    """Only the changed days of a stored month are counted again."""
    user_id, tx = alice["id"], alice["tx"]
    await agree(client, app, user_id, "seeded")
    later = (first_of(-3) + timedelta(days=14)).isoformat()  # from the 28th to the 15th
    await ok(await client.patch(f"/api/transactions/{tx['Groceries -3']}", json={"date": later}))
    await agree(client, app, user_id, "moved within its month")
    await ok(await client.patch(f"/api/transactions/{tx['Rent -3']}", json={"hidden": True}))
    await ok(
        await client.patch(f"/api/transactions/{tx['Pay -3']}", json={"category": "TRANSFER_IN"})
    )
    await agree(client, app, user_id, "two more days of that month")


async def test_syncs_that_add_modify_remove_and_post_show_in_every_month(stack: Stack) -> None:
    """Through the real SDK and the emulator: a linked bank's two years, then two refreshes
    (pending ones post, new ones arrive, one is modified and one removed)."""
    async with stack.client() as http:
        alice = await signed_up(http, "alice")
        item = (await add_bank(http, stack, username="user_transactions_dynamic"))[0].json()
        stack.settle()
        user_id = int(alice["id"])
        for step in ("linked", "refreshed once", "refreshed twice"):
            if step != "linked":
                stack.plaid_refresh(stack.access_token(item["id"]))
                stack.settle()
            # Read in the app's own event loop, where its engine lives. The pass counted its
            # months again before telling the person: their reads find them stored.
            assert stack.run(stale_months(stack.app, user_id)) == 0, step
            expected = stack.run(recomputed(stack.app, user_id, 24))
            assert await served(http, user_id, 24) == expected, step
