"""Budget figures against a plain recomputation, here, from the seeded transactions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.users.data_version import user_data_changed
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

ZERO = Decimal("0.00")
FOOD, GROCERIES, RESTAURANTS = (
    "FOOD_AND_DRINK",
    "FOOD_AND_DRINK_GROCERIES",
    "FOOD_AND_DRINK_RESTAURANT",
)
SHOPS, CLOTHES = "GENERAL_MERCHANDISE", "GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES"
RENT = "RENT_AND_UTILITIES"


@dataclass(frozen=True)
class Tx:
    day: date
    amount: str
    category: str | None
    subcategory: str | None = None
    hidden: bool = False
    owner: str = "alice"

    @property
    def value(self) -> Decimal:
        return Decimal(self.amount)


def _history() -> list[Tx]:
    """Five months of 2025 around every start day tried: the 1st, 14th-15th, 27th-28th."""
    rows = []
    for month in range(1, 7):
        first = date(2025, month, 1)
        rows += [
            Tx(first, "1200.00", RENT, "RENT_AND_UTILITIES_RENT"),
            Tx(first.replace(day=14), "80.25", FOOD, GROCERIES),
            Tx(first.replace(day=15), f"{30 + month}.10", FOOD, RESTAURANTS),
            Tx(first.replace(day=27), "45.00", FOOD, GROCERIES),
            Tx(first.replace(day=28), f"{20 * month}.00", SHOPS, CLOTHES),
            Tx(first.replace(day=20), "-2500.00", "INCOME", "INCOME_WAGES"),
            Tx(first.replace(day=10), "15.00", None),
            Tx(first.replace(day=16), "-10.00", FOOD, GROCERIES),  # a refund: income
            # Never counted: hidden, transfers, someone else's.
            Tx(first.replace(day=16), "99.00", FOOD, GROCERIES, hidden=True),
            Tx(first.replace(day=17), "500.00", "TRANSFER_OUT", "TRANSFER_OUT_SAVINGS"),
            Tx(first.replace(day=17), "300.00", "LOAN_PAYMENTS", "LOAN_PAYMENTS_CREDIT_CARD"),
            Tx(first.replace(day=15), "777.00", FOOD, GROCERIES, owner="bob"),
        ]
    return rows


HISTORY = _history()


def budget_month_of(day: date, start_day: int) -> tuple[int, int]:
    if day.day >= start_day:
        return day.year, day.month
    return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)


def label(year_month: tuple[int, int]) -> str:
    return f"{year_month[0]:04d}-{year_month[1]:02d}"


def counted(tx: Tx) -> bool:
    transfer = tx.category in {"TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS"}
    return tx.owner == "alice" and not tx.hidden and not transfer


def spent(rows: list[Tx], month: str, start_day: int, category: str, sub: str | None) -> Decimal:
    return sum(
        (
            tx.value
            for tx in rows
            if counted(tx)
            and tx.value > 0
            and label(budget_month_of(tx.day, start_day)) == month
            and tx.category == category
            and (sub is None or tx.subcategory == sub)
        ),
        ZERO,
    )


def previous(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return label((year, number - 1) if number > 1 else (year - 1, 12))


Lines = dict[tuple[str, str, str | None], tuple[Decimal, str]]


def carried(
    rows: list[Tx], lines: Lines, month: str, start_day: int, cat: str, sub: str | None
) -> Decimal:
    """Recursively, as the rollover kinds are defined."""
    before = lines.get((previous(month), cat, sub))
    if before is None or before[1] == "none":
        return ZERO
    left = (
        before[0]
        + carried(rows, lines, previous(month), start_day, cat, sub)
        - spent(rows, previous(month), start_day, cat, sub)
    )
    return max(left, ZERO) if before[1] == "carry_surplus" else left


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp, new_client: Any) -> dict[str, Any]:
    alice = await sign_up_and_log_in(client)
    bob = await sign_up_and_log_in(new_client(), "bob")
    async with app.parts.sessionmaker() as session:
        accounts = {}
        for owner, user in (("alice", alice), ("bob", bob)):
            item = await make_item(session, int(user["id"]))
            accounts[owner] = (await make_account(session, item.id)).id
        for tx in HISTORY:
            await add(session, accounts[tx.owner], tx)
        await session.commit()
    return {"alice": alice["id"], "account": accounts["alice"], "app": app}


async def add(session: Any, account_id: int, tx: Tx) -> None:
    await make_transaction(
        session,
        account_id,
        amount=tx.value,
        date=tx.day,
        category=tx.category,
        subcategory=tx.subcategory,
        hidden=tx.hidden,
    )


def url(user_id: int, path: str) -> str:
    return f"/api/users/{user_id}/budgets/{path}"


async def put_lines(client: httpx.AsyncClient, user_id: int, month: str, lines: Lines) -> None:
    body = [
        {"category": c, "subcategory": s, "amount": str(a), "rollover": kind}
        for (m, c, s), (a, kind) in lines.items()
        if m == month
    ]
    response = await client.put(url(user_id, f"{month}/lines"), json={"lines": body})
    assert response.status_code == 200, response.text


LINES: Lines = {
    ("2025-02", FOOD, None): (Decimal("150.00"), "carry_surplus"),
    ("2025-03", FOOD, None): (Decimal("100.00"), "carry_surplus"),
    ("2025-04", FOOD, None): (Decimal("400.00"), "carry_surplus"),
    ("2025-05", FOOD, None): (Decimal("120.00"), "none"),
    ("2025-02", FOOD, GROCERIES): (Decimal("50.00"), "carry_all"),
    ("2025-03", FOOD, GROCERIES): (Decimal("200.00"), "carry_all"),
    ("2025-04", FOOD, GROCERIES): (Decimal("60.00"), "carry_all"),
    ("2025-05", FOOD, GROCERIES): (Decimal("70.00"), "none"),
    ("2025-03", SHOPS, CLOTHES): (Decimal("90.00"), "carry_all"),
    ("2025-04", SHOPS, CLOTHES): (Decimal("40.00"), "none"),
    ("2025-05", SHOPS, CLOTHES): (Decimal("10.00"), "carry_surplus"),
    ("2025-04", RENT, None): (Decimal("1200.00"), "none"),
    ("2025-05", RENT, None): (Decimal("1000.00"), "carry_all"),
}


def check_month(body: dict[str, Any], rows: list[Tx], lines: Lines, month: str, day: int) -> None:
    groups = {group["category"]: group for group in body["groups"]}
    expected_groups = {
        tx.category
        for tx in rows
        if counted(tx) and tx.value > 0 and label(budget_month_of(tx.day, day)) == month
    }
    expected_groups |= {c for (m, c, _s) in lines if m == month}
    assert set(groups) >= expected_groups
    total_budgeted = total_carried = ZERO
    for category, group in groups.items():
        group_spent = spent(rows, month, day, category, None)
        assert Decimal(group["spent"]) == group_spent, (month, day, category)
        details = {row["subcategory"]: row for row in group["categories"]}
        for sub, row in details.items():
            line = lines.get((month, category, sub))
            assert Decimal(row["budgeted"]) == (line[0] if line else ZERO)
            assert Decimal(row["carried_in"]) == carried(rows, lines, month, day, category, sub)
            assert Decimal(row["spent"]) == spent(rows, month, day, category, sub)
            assert Decimal(row["left"]) == (
                Decimal(row["budgeted"]) + Decimal(row["carried_in"]) - Decimal(row["spent"])
            )
        # A group line, or last month's carrying into it, budgets the group.
        own = lines.get((month, category, None))
        carry = carried(rows, lines, month, day, category, None)
        if own is not None or carry:
            budgeted = own[0] if own else ZERO
        else:
            budgeted = sum((Decimal(r["budgeted"]) for r in details.values()), ZERO)
            carry = sum((Decimal(r["carried_in"]) for r in details.values()), ZERO)
        assert Decimal(group["budgeted"]) == budgeted, (month, day, category)
        assert Decimal(group["carried_in"]) == carry, (month, day, category)
        assert Decimal(group["left"]) == budgeted + carry - group_spent
        assert group["pace"] == ("over" if group_spent > max(budgeted + carry, ZERO) else "under")
        total_budgeted += budgeted
        total_carried += carry
    income = sum(
        (
            -tx.value
            for tx in rows
            if counted(tx) and tx.value < 0 and label(budget_month_of(tx.day, day)) == month
        ),
        ZERO,
    )
    assert Decimal(body["income"]) == income
    totals = body["totals"]
    assert Decimal(totals["budgeted"]) == total_budgeted
    assert Decimal(totals["carried_in"]) == total_carried
    all_spent = sum(
        (
            tx.value
            for tx in rows
            if counted(tx) and tx.value > 0 and label(budget_month_of(tx.day, day)) == month
        ),
        ZERO,
    )
    assert Decimal(totals["spent"]) == all_spent
    assert Decimal(totals["left"]) == total_budgeted + total_carried - all_spent


@pytest.mark.parametrize("start_day", [1, 15, 28])
async def test_figures_equal_a_recomputation(
    client: httpx.AsyncClient, seeded: dict[str, Any], start_day: int
) -> None:
    alice = seeded["alice"]
    settings = await client.put(
        url(alice, "settings"), json={"month_start_day": start_day, "income_target": "2400.00"}
    )
    assert settings.status_code == 200, settings.text
    for month in ("2025-02", "2025-03", "2025-04", "2025-05"):
        await put_lines(client, alice, month, LINES)
    for month in ("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"):
        response = await client.get(url(alice, month))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["start_date"] == f"{month}-{start_day:02d}"
        assert body["income_target"] == "2400.00"
        assert body["days_gone"] == body["days"]  # a past month is all gone
        check_month(body, HISTORY, LINES, month, start_day)
    # Every kind of rollover carried something, the overspent carry_all a negative amount.
    may = (await client.get(url(alice, "2025-05"))).json()
    food = next(g for g in may["groups"] if g["category"] == FOOD)
    assert Decimal(food["carried_in"]) > 0


async def test_a_sync_mid_month_updates_the_current_month(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    alice, app = seeded["alice"], seeded["app"]
    today = date.today()
    start_day = 15
    await client.put(url(alice, "settings"), json={"month_start_day": start_day})
    current = label(budget_month_of(today, start_day))
    lines: Lines = {
        (previous(current), FOOD, None): (Decimal("100.00"), "carry_all"),
        (current, FOOD, None): (Decimal("300.00"), "carry_all"),
        (current, FOOD, GROCERIES): (Decimal("120.00"), "none"),
    }
    await put_lines(client, alice, previous(current), lines)
    await put_lines(client, alice, current, lines)
    rows = list(HISTORY)
    before = (await client.get(url(alice, "current"))).json()
    assert before["month"] == current
    check_month(before, rows, lines, current, start_day)

    # A sync brings a purchase today and one in last month (that changes the carry).
    new = [
        Tx(today, "42.42", FOOD, GROCERIES),
        Tx(today - timedelta(days=31), "17.00", FOOD, RESTAURANTS),
    ]
    async with app.parts.sessionmaker() as session:
        for tx in new:
            await add(session, seeded["account"], tx)
        await user_data_changed(session, alice, days=[tx.day for tx in new])  # as a sync does
        await session.commit()
    rows += new
    after = (await client.get(url(alice, current))).json()
    check_month(after, rows, lines, current, start_day)
    assert Decimal(after["totals"]["spent"]) == Decimal(before["totals"]["spent"]) + Decimal(
        "42.42"
    )
    # Pace: the share of the month gone, today included.
    start = date.fromisoformat(after["start_date"])
    end = date.fromisoformat(after["end_date"])
    assert (after["days_gone"], after["days"]) == ((today - start).days + 1, (end - start).days + 1)
    food = next(g for g in after["groups"] if g["category"] == FOOD)
    even = (Decimal(food["available"]) * after["days_gone"] / after["days"]).quantize(
        ZERO, rounding=ROUND_HALF_UP
    )
    assert Decimal(food["pace_spent"]) == max(even, ZERO)


async def test_copy_last_month_and_fill_from_averages(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    alice = seeded["alice"]
    await put_lines(client, alice, "2025-04", LINES)
    nothing = await client.post(url(alice, "2025-03/copy-previous"))
    assert nothing.status_code == 409  # February has no budget

    copied = await client.post(url(alice, "2025-05/copy-previous"))
    assert copied.status_code == 200, copied.text
    april = {(c, s): v for (m, c, s), v in LINES.items() if m == "2025-04"}
    got = {
        (g["category"], None): (Decimal(g["budgeted"]), g["rollover"])
        for g in copied.json()["groups"]
        if g["has_line"]
    } | {
        (g["category"], r["subcategory"]): (Decimal(r["budgeted"]), r["rollover"])
        for g in copied.json()["groups"]
        for r in g["categories"]
        if r["has_line"]
    }
    assert got == april

    # Lines already set stay, unless overwrite.
    await put_lines(client, alice, "2025-06", {("2025-06", RENT, None): (Decimal("5.00"), "none")})
    for months in (3, 6, 12):
        filled = await client.post(
            url(alice, "2025-06/fill"), params={"from": "average", "months": months}
        )
        assert filled.status_code == 200, filled.text
        groups = {g["category"]: g for g in filled.json()["groups"]}
        assert Decimal(groups[RENT]["budgeted"]) == Decimal("5.00")
    filled = await client.post(
        url(alice, "2025-06/fill"), params={"months": 3, "overwrite": "true"}
    )
    groups = {g["category"]: g for g in filled.json()["groups"]}
    for category in (RENT, FOOD, SHOPS):
        average = (
            sum(
                (spent(HISTORY, m, 1, category, None) for m in ("2025-03", "2025-04", "2025-05")),
                ZERO,
            )
            / 3
        )
        assert Decimal(groups[category]["budgeted"]) == average.quantize(
            ZERO, rounding=ROUND_HALF_UP
        )

    removed = await client.put(
        url(alice, "2025-06/lines"),
        json={"lines": [{"category": RENT, "subcategory": None, "amount": None}]},
    )
    assert not next(g for g in removed.json()["groups"] if g["category"] == RENT)["has_line"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_bad_input_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    alice = seeded["alice"]
    await put_lines(client, alice, "2025-04", LINES)
    before = (await client.get(url(alice, "2025-04"))).json()
    good = {"category": FOOD, "amount": "1.00"}
    for month in ("2025-13", "2025-4", "abc", "1969-12", "2025-00"):
        response = await client.get(url(alice, month))
        assert response.status_code == 422, month
        assert "month" in response.json()["error"]["message"]
    bad_lines = [
        [good, {"category": FOOD, "amount": "-5.00"}],
        [good, {"category": FOOD, "amount": "2.00"}],  # twice
        [good, {"category": "", "amount": "2.00"}],
        [good, {"category": SHOPS, "amount": "1.001"}],
        [good, {"category": SHOPS, "amount": "2.00", "rollover": "sometimes"}],
        [good, {"category": SHOPS, "amount": "1e30"}],
    ]
    for lines in bad_lines:
        response = await client.put(url(alice, "2025-04/lines"), json={"lines": lines})
        assert response.status_code == 422, lines
    for body in (
        {"month_start_day": 0},
        {"month_start_day": 29},
        {"month_start_day": 5, "income_target": "-1"},
    ):
        assert (await client.put(url(alice, "settings"), json=body)).status_code == 422, body
    bad_fills: list[dict[str, str]] = [{"months": "4"}, {"months": "3", "from": "median"}, {}]
    for params in bad_fills:
        assert (await client.post(url(alice, "2025-04/fill"), params=params)).status_code == 422
    assert (await client.get(url(alice, "2025-04"))).json() == before
    assert (await client.get(url(alice, "settings"))).json() == {
        "month_start_day": 1,
        "income_target": None,
    }


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_month_read_before_a_change_is_not_served_after_it(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    alice = seeded["alice"]
    assert (await client.get(url(alice, "current"))).json()["income_target"] is None
    await client.put(url(alice, "settings"), json={"month_start_day": 1, "income_target": "4000"})
    assert (await client.get(url(alice, "current"))).json()["income_target"] == "4000.00"
    assert (await client.get(url(alice, "2025-04"))).json()["totals"]["budgeted"] == "0.00"
    await put_lines(client, alice, "2025-04", LINES)
    assert (await client.get(url(alice, "2025-04"))).json()["totals"]["budgeted"] != "0.00"
