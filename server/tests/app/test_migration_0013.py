"""Migration 0013 moves existing transactions and rules to Plaid's current categories."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from pattern.kit.db import create_engine
from pattern.models import TransactionRule
from tests.support.databases import alembic

BEFORE = "0013-1"  # the revision before 0013, whatever the chain's order

FLIGHTS = ("TRAVEL", "TRAVEL_FLIGHTS")
RESTAURANT = ("FOOD_AND_DRINK", "FOOD_AND_DRINK_RESTAURANT")
AIRLINES = ("Travel", "Airlines and Aviation Services")
RESTAURANTS = ("Food and Drink", "Restaurants")

# name: (shown category, subcategory), Plaid's legacy (category, subcategory), Plaid's PFC
OLD_ROWS: dict[str, tuple[Any, Any, Any]] = {
    "flight 1": (AIRLINES, AIRLINES, FLIGHTS),
    "flight 2": (AIRLINES, AIRLINES, FLIGHTS),
    "flight without pfc": (AIRLINES, AIRLINES, (None, None)),
    "dinner a rule made a flight": (AIRLINES, RESTAURANTS, RESTAURANT),
    "dinner 1": (RESTAURANTS, RESTAURANTS, RESTAURANT),
    "dinner renamed by hand": (("My stuff", None), RESTAURANTS, RESTAURANT),
    "fee nobody maps": (('Bank "Fees"', "Overdraft"), ('Bank "Fees"', "Overdraft"), (None, None)),
}


async def _old_data(engine: AsyncEngine) -> None:
    async with async_sessionmaker(engine)() as session:
        # In SQL, not through the models: they describe the schema of the newest revision.
        user_id = (
            await session.execute(
                text(
                    "INSERT INTO users (username, password_hash, is_admin, created_at,"
                    " updated_at) VALUES ('alice', 'x', false, CURRENT_TIMESTAMP,"
                    " CURRENT_TIMESTAMP) RETURNING id"
                )
            )
        ).scalar_one()
        item_id = (
            await session.execute(
                text(
                    "INSERT INTO items (user_id, plaid_access_token_encrypted, plaid_item_id,"
                    " plaid_institution_id, status, archived) VALUES (:user, 'not-a-token',"
                    " 'item-old', 'ins_old', 'good', false) RETURNING id"
                ),
                {"user": user_id},
            )
        ).scalar_one()
        account_id = (
            await session.execute(
                text(
                    "INSERT INTO accounts (item_id, plaid_account_id, name, type, closed)"
                    " VALUES (:item, 'acc-old', 'Checking', 'depository', false) RETURNING id"
                ),
                {"item": item_id},
            )
        ).scalar_one()
        for n, (name, (shown, legacy, pfc)) in enumerate(OLD_ROWS.items()):
            await session.execute(
                text(
                    "INSERT INTO transactions (account_id, user_id, plaid_transaction_id, name,"
                    " amount, date, pending, manually_updated, hidden, category, subcategory,"
                    " original_name, original_category, original_subcategory,"
                    " personal_finance_category, personal_finance_detailed, created_at,"
                    " updated_at) VALUES (:account, :user, :id, :name, 1, '2026-11-01', false,"
                    " :edited, false, :c, :s, :name, :oc, :os, :pc, :pd,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {
                    "account": account_id,
                    "user": user_id,
                    "id": f"tx-{n}",
                    "name": name,
                    "edited": "hand" in name,
                    "c": shown[0],
                    "s": shown[1],
                    "oc": legacy[0],
                    "os": legacy[1],
                    "pc": pfc[0],
                    "pd": pfc[1],
                },
            )
        # The rules table as it was then: an insert naming only the columns given (the
        # ORM would name those added since, such as 0029's).
        for rule in (
            {
                "position": 0,
                "match_category": "travel",
                "set_category": "Food and Drink",
                "set_subcategory": "Restaurants",
            },
            {"position": 1, "match_name": "acme", "set_category": "Something new"},
        ):
            await session.execute(insert(TransactionRule).values(user_id=user_id, **rule))
        await session.commit()


async def _rows(engine: AsyncEngine, columns: str) -> dict[str, tuple[Any, ...]]:
    async with engine.connect() as connection:
        found = await connection.execute(text(f"SELECT name, {columns} FROM transactions"))
        return {row[0]: tuple(row[1:]) for row in found}


async def test_old_rows_and_rules_move_to_personal_finance_categories(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await alembic(engine, "downgrade", BEFORE)
        await _old_data(engine)
        await alembic(engine, "upgrade", "head")

        rows = await _rows(
            engine,
            "category, subcategory, original_category, original_subcategory, legacy_categories",
        )
        moved = {name: row[:4] for name, row in rows.items()}
        assert moved == {
            "flight 1": (*FLIGHTS, *FLIGHTS),
            "flight 2": (*FLIGHTS, *FLIGHTS),
            # No PFC stored: mapped as the other rows with its legacy category say.
            "flight without pfc": (*FLIGHTS, *FLIGHTS),
            # A rule's or the person's category moves too, and stays theirs.
            "dinner a rule made a flight": (*FLIGHTS, *RESTAURANT),
            "dinner 1": (*RESTAURANT, *RESTAURANT),
            "dinner renamed by hand": ("My stuff", None, *RESTAURANT),
            # Nothing to map it by: left as it was.
            "fee nobody maps": ('Bank "Fees"', "Overdraft", 'Bank "Fees"', "Overdraft"),
        }
        legacy = {name: json.loads(row[4]) for name, row in rows.items()}
        assert legacy["flight 1"] == list(AIRLINES)
        assert legacy["dinner renamed by hand"] == list(RESTAURANTS)
        assert legacy["fee nobody maps"] == ['Bank "Fees"', "Overdraft"]

        async with engine.connect() as connection:
            rules = (
                await connection.execute(
                    text(
                        "SELECT match_category, match_subcategory, set_category,"
                        " set_subcategory FROM transaction_rules ORDER BY position"
                    )
                )
            ).all()
        assert [tuple(rule) for rule in rules] == [
            ("TRAVEL", None, *RESTAURANT),
            (None, None, "Something new", None),
        ]

        # And back: the legacy categories return where the rows kept them.
        await alembic(engine, "downgrade", BEFORE)
        back = await _rows(engine, "category, subcategory, original_category")
        assert back["flight 1"] == (*AIRLINES, "Travel")
        assert back["dinner renamed by hand"] == ("My stuff", None, "Food and Drink")
        await alembic(engine, "upgrade", "head")
    finally:
        await engine.dispose()
