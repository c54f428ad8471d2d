"""Clean merchant names, their logos and Plaid's current categories, end to end: the real
SDK syncs the emulator's data, which carries them as Plaid's sandbox does."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx

from tests.support.plaid_stack import Stack, add_bank, emulator_transactions, signed_up

PNG = b"\x89PNG\r\n\x1a\n"


async def _linked(stack: Stack, http: httpx.AsyncClient, username: str) -> dict[str, Any]:
    user = await signed_up(http, username)
    item = (await add_bank(http, stack))[0].json()
    stack.settle()
    return {"user": user, "item": item, "base": f"/api/users/{user['id']}"}


async def _rows(http: httpx.AsyncClient, base: str, **params: Any) -> list[dict[str, Any]]:
    response = await http.get(f"{base}/transactions", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


async def test_lists_show_the_merchant_with_the_raw_name_and_current_category(
    stack: Stack,
) -> None:
    async with stack.client() as http:
        linked = await _linked(stack, http, "alice")
        plaid = emulator_transactions(stack, stack.access_token(linked["item"]["id"]))
        rows = await _rows(http, linked["base"])
        row = next(r for r in rows if r["merchant_name"] == "Walmart")
        tx = plaid[row["plaid_transaction_id"]]
        # "WM SUPERCENTER #1234" from the bank, "Walmart" from Plaid: the clean name shows.
        assert row["display_name"] == "Walmart" != row["original_name"] == tx["name"]
        assert row["name"] == tx["name"]
        assert row["website"] == tx["website"] == "walmart.com"
        assert row["merchant_entity_id"] == tx["merchant_entity_id"]
        assert [c["name"] for c in row["counterparties"]] == ["Walmart"]
        assert row["counterparties"][0]["entity_id"] == tx["counterparties"][0]["entity_id"]
        pfc = tx["personal_finance_category"]
        assert (row["category"], row["subcategory"]) == (pfc["primary"], pfc["detailed"])
        assert row["personal_finance_confidence"] == pfc["confidence_level"]
        assert row["legacy_categories"] == tx["category"]
        assert row["has_logo"]
        assert row["logo"] == f"/api/transactions/{row['id']}/logo"
        assert "logo_url" not in row  # the browser never sees the foreign address
        # A transaction without a merchant shows its own name and has no logo.
        plain = next(r for r in rows if r["merchant_name"] is None)
        assert plain["display_name"] == plain["name"]
        assert plain["logo"] is None

        # The search matches the clean name and the bank's raw string.
        for words in ("walmart", "wm supercenter"):
            found = await _rows(http, linked["base"], q=words)
            assert found, words
            assert {r["merchant_name"] for r in found} == {"Walmart"}, words
        # Filters take the current categories.
        groceries = await _rows(
            http, linked["base"], category="FOOD_AND_DRINK", subcategory="FOOD_AND_DRINK_GROCERIES"
        )
        assert groceries
        assert {r["merchant_name"] for r in groceries} <= {
            "Whole Foods Market",
            "Trader Joe's",
        }
        categories = (await http.get(f"{linked['base']}/categories")).json()
        assert "FOOD_AND_DRINK" in {c["category"] for c in categories}

        # The CSV carries the merchant, the raw name and the current category.
        exported = await http.get(f"{linked['base']}/transactions.csv", params={"q": "walmart"})
        lines = list(csv.DictReader(io.StringIO(exported.text)))
        assert lines
        assert all(line["merchant_name"] == "Walmart" for line in lines)
        first = lines[0]
        assert first["original_name"].startswith("WM SUPERCENTER")
        assert (first["category"], first["subcategory"]) == (
            "GENERAL_MERCHANDISE",
            "GENERAL_MERCHANDISE_SUPERSTORES",
        )

        # A renamed transaction shows the person's name.
        renamed = await http.patch(f"/api/transactions/{row['id']}", json={"name": "Groceries"})
        assert renamed.json()["display_name"] == "Groceries"


async def test_rules_match_and_set_current_categories(stack: Stack) -> None:
    async with stack.client() as http:
        linked = await _linked(stack, http, "alice")
        rules = f"{linked['base']}/rules"
        created = await http.post(
            rules,
            json={
                "match_category": "general_merchandise",
                "set_subcategory": "GENERAL_MERCHANDISE_DISCOUNT_STORES",
            },
        )
        assert created.status_code == 201, created.text
        applied = await http.post(f"{rules}/apply")
        assert applied.status_code == 200
        assert applied.json()["changed"] > 0
        rows = await _rows(http, linked["base"], category="GENERAL_MERCHANDISE")
        assert rows
        assert {r["subcategory"] for r in rows} == {"GENERAL_MERCHANDISE_DISCOUNT_STORES"}
        # Plaid's own stay beside them (Walmart's and Target's superstores among them).
        assert "GENERAL_MERCHANDISE_SUPERSTORES" in {r["original_subcategory"] for r in rows}
        assert all(r["original_category"] == "GENERAL_MERCHANDISE" for r in rows)


async def test_the_logo_comes_through_the_server_to_its_owner_only(stack: Stack) -> None:
    async with stack.client() as http, stack.client() as other:
        linked = await _linked(stack, http, "alice")
        await signed_up(other, "mallory")
        rows = await _rows(http, linked["base"])
        with_logo = next(r for r in rows if r["logo"])
        without = next(r for r in rows if not r["logo"])

        logo = await http.get(with_logo["logo"])
        assert logo.status_code == 200, logo.text
        assert logo.headers["content-type"] == "image/png"
        assert logo.content.startswith(PNG)
        assert "private" in logo.headers["cache-control"]
        # Fetched once, then served from the cache in the data directory.
        cached = list((stack.app.parts.settings.data_dir / "merchant-logos").iterdir())
        assert len(cached) == 1
        assert (await http.get(with_logo["logo"])).content == logo.content

        assert (await other.get(with_logo["logo"])).status_code == 404
        assert (
            await http.get(without["logo"] or f"/api/transactions/{without['id']}/logo")
        ).json()["error"]["code"] == "not_found"
        assert (await http.get("/api/transactions/987654/logo")).status_code == 404
