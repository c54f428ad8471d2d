"""CSV export: every matching row, escaped, with the list's filters."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.kit import clock
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

AWKWARD = [
    'Joe\'s "Best" Diner, Inc.',
    "Line one\nline two",
    '=HYPERLINK("http://evil")',
    "Café ☕",
]


@pytest.fixture
async def seeded(client: httpx.AsyncClient, app: PatternApp) -> dict[str, Any]:
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        account = await make_account(session, item.id, name="Checking, joint")
        for n in range(1200):
            await make_transaction(
                session,
                account.id,
                name=AWKWARD[n % len(AWKWARD)] if n < len(AWKWARD) else f"Purchase {n}",
                amount=Decimal(n) / 100,
                date=date(2024, 1, 1) + timedelta(days=n % 60),
                category="Shops" if n % 2 else "Travel",
                pending=n < 3,
            )
        await session.commit()
    return user


async def read_csv(
    client: httpx.AsyncClient, user: dict[str, Any], **params: Any
) -> list[dict[str, str]]:
    response = await client.get(f"/api/users/{user['id']}/transactions.csv", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


async def test_the_export_has_every_row_and_escapes_awkward_text(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    rows = await read_csv(client, seeded)
    assert len(rows) == 1200
    names = {row["name"] for row in rows}
    assert 'Joe\'s "Best" Diner, Inc.' in names
    assert "Line one\nline two" in names
    assert "Café ☕" in names
    assert '\'=HYPERLINK("http://evil")' in names  # never a live spreadsheet formula
    assert {row["account_name"] for row in rows} == {"Checking, joint"}
    assert [row["pending"] for row in rows].count("true") == 3  # as in the API, not "True"
    assert {row["pending"] for row in rows} == {"true", "false"}
    # As the web app shows them: the seeded spending is money out, negative.
    assert sum(Decimal(row["amount"]) for row in rows) == -sum(
        Decimal(n) / 100 for n in range(1200)
    )


async def test_the_export_follows_the_filters(
    client: httpx.AsyncClient, seeded: dict[str, Any]
) -> None:
    travel = await read_csv(client, seeded, category="Travel", month="2024-01")
    named = await client.get(
        f"/api/users/{seeded['id']}/transactions.csv", params={"month": "2024-01"}
    )
    assert named.headers["content-disposition"] == 'attachment; filename="transactions-2024-01.csv"'
    everything = await client.get(f"/api/users/{seeded['id']}/transactions.csv")
    assert everything.headers["content-disposition"] == (
        f'attachment; filename="transactions-{clock.today().isoformat()}.csv"'
    )
    listed = await client.get(
        f"/api/users/{seeded['id']}/transactions", params={"category": "Travel", "month": "2024-01"}
    )
    assert len(travel) == int(listed.headers["X-Total-Count"]) > 0
    assert {row["category"] for row in travel} == {"Travel"}
    bad = await client.get(f"/api/users/{seeded['id']}/transactions.csv", params={"month": "soon"})
    assert bad.status_code == 422


async def test_someone_elses_export_is_404(
    client: httpx.AsyncClient, seeded: dict[str, Any], new_client: Any
) -> None:
    other = new_client()
    await sign_up_and_log_in(other, "mallory")
    assert (await other.get(f"/api/users/{seeded['id']}/transactions.csv")).status_code == 404
