"""A linked bank's budget, through the real SDK and the emulator: the month's figures
agree with the insights and follow a sync that brings new transactions."""

from __future__ import annotations

from decimal import Decimal

from tests.support.plaid_stack import Stack, add_bank, signed_up


async def test_the_budget_month_agrees_with_the_insights_across_a_sync(stack: Stack) -> None:
    async with stack.client() as http:
        alice = await signed_up(http, "alice")
        item = (await add_bank(http, stack, username="user_transactions_dynamic"))[0].json()
        stack.settle()
        budgets = f"/api/users/{alice['id']}/budgets"
        spending = f"/api/users/{alice['id']}/insights/spending"
        monthly = f"/api/users/{alice['id']}/insights/monthly"
        for step in ("linked", "synced again"):
            budget = (await http.get(f"{budgets}/current")).json()
            insight = (await http.get(spending, params={"month": budget["month"]})).json()
            assert budget["totals"]["spent"] == insight["total"], step
            by_group = {g["category"]: g["spent"] for g in budget["groups"]}
            assert by_group == {c["category"]: c["total"] for c in insight["categories"]}, step
            income = (await http.get(monthly, params={"months": 1})).json()["income"]
            assert Decimal(budget["income"]) == Decimal(income), step
            if step == "linked":
                before = budget["totals"]["spent"], budget["income"]
                stack.plaid_refresh(stack.access_token(item["id"]))
                stack.settle()
        assert (budget["totals"]["spent"], budget["income"]) != before
