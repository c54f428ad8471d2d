"""Synthetic users, items, accounts and three years of transactions, COPYed into PostgreSQL."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import asyncpg

# name pattern, merchant, legacy category, subcategory, personal finance category, amounts
_MERCHANTS: list[tuple[str, str | None, str, str, str, float, float]] = [
    ("STARBUCKS STORE {n}", "Starbucks", "Food and Drink", "Coffee Shop", "FOOD_AND_DRINK", 3, 9),
    (
        "BLUE BOTTLE COFFEE",
        "Blue Bottle Coffee",
        "Food and Drink",
        "Coffee Shop",
        "FOOD_AND_DRINK",
        4,
        12,
    ),
    (
        "PEETS COFFEE #{n}",
        "Peet's Coffee",
        "Food and Drink",
        "Coffee Shop",
        "FOOD_AND_DRINK",
        3,
        10,
    ),
    ("MCDONALD'S F{n}", "McDonald's", "Food and Drink", "Restaurants", "FOOD_AND_DRINK", 5, 20),
    ("CHIPOTLE {n}", "Chipotle", "Food and Drink", "Restaurants", "FOOD_AND_DRINK", 9, 30),
    ("SWEETGREEN {n}", "Sweetgreen", "Food and Drink", "Restaurants", "FOOD_AND_DRINK", 11, 25),
    (
        "WHOLE FOODS MARKET {n}",
        "Whole Foods",
        "Shops",
        "Supermarkets and Groceries",
        "FOOD_AND_DRINK",
        20,
        180,
    ),
    (
        "TRADER JOE'S #{n}",
        "Trader Joe's",
        "Shops",
        "Supermarkets and Groceries",
        "FOOD_AND_DRINK",
        15,
        120,
    ),
    ("SAFEWAY #{n}", "Safeway", "Shops", "Supermarkets and Groceries", "FOOD_AND_DRINK", 10, 150),
    ("AMAZON MKTPLACE PMTS", "Amazon", "Shops", "Digital Purchase", "GENERAL_MERCHANDISE", 8, 250),
    ("TARGET T-{n}", "Target", "Shops", "Department Stores", "GENERAL_MERCHANDISE", 10, 200),
    ("UBER TRIP {n}", "Uber", "Travel", "Taxi", "TRANSPORTATION", 8, 60),
    ("LYFT RIDE {n}", "Lyft", "Travel", "Taxi", "TRANSPORTATION", 7, 55),
    ("SHELL OIL {n}", "Shell", "Travel", "Gas Stations", "TRANSPORTATION", 25, 80),
    (
        "UNITED AIRLINES",
        "United Airlines",
        "Travel",
        "Airlines and Aviation Services",
        "TRAVEL",
        120,
        900,
    ),
    ("MARRIOTT HOTEL {n}", "Marriott", "Travel", "Lodging", "TRAVEL", 140, 600),
    ("NETFLIX.COM", "Netflix", "Service", "Subscription", "ENTERTAINMENT", 15, 23),
    ("SPOTIFY USA", "Spotify", "Service", "Subscription", "ENTERTAINMENT", 10, 17),
    ("PG&E WEB ONLINE", "PG&E", "Service", "Utilities", "RENT_AND_UTILITIES", 60, 240),
    ("COMCAST CABLE", "Comcast", "Service", "Cable", "RENT_AND_UTILITIES", 70, 130),
    ("CVS/PHARMACY #{n}", "CVS", "Healthcare", "Pharmacies", "MEDICAL", 5, 90),
    (
        "PLANET FITNESS",
        "Planet Fitness",
        "Recreation",
        "Gyms and Fitness Centers",
        "PERSONAL_CARE",
        10,
        25,
    ),
    ("VENMO PAYMENT {n}", None, "Transfer", "Third Party", "TRANSFER_OUT", 10, 200),
    ("CHECK #{n}", None, "Transfer", "Debit", "GENERAL_SERVICES", 50, 900),
]
_ACCOUNTS = [
    ("Plaid Checking", "depository", "checking"),
    ("Plaid Saving", "depository", "savings"),
    ("Plaid Credit Card", "credit", "credit card"),
]
_INSTITUTIONS = [("ins_109508", "First Platypus Bank"), ("ins_109509", "First Gingham Credit")]

TX_COLUMNS = [
    "user_id",
    "account_id",
    "plaid_transaction_id",
    "category",
    "subcategory",
    "legacy_categories",
    "name",
    "merchant_name",
    "amount",
    "iso_currency_code",
    "date",
    "authorized_date",
    "pending",
    "manually_updated",
    "hidden",
]


@dataclass(frozen=True)
class Loaded:
    transactions: int
    account_ids: list[int]


def _transactions(
    rng: random.Random, user_id: int, account_ids: list[int], count: int, today: date
) -> list[tuple[object, ...]]:
    """`count` rows over the last three years: purchases, twice-monthly pay, card payments."""
    checking, saving, card = account_ids[0], account_ids[1], account_ids[2]
    spend_accounts = [checking, card, *account_ids[3:]]
    days = 3 * 365
    first = today - timedelta(days=days)
    rows: list[tuple[object, ...]] = []

    def add(
        account: int,
        date_: date,
        category: str | None,
        sub: str | None,
        pfc: str | None,
        name: str,
        merchant: str | None,
        amount: Decimal,
    ) -> None:
        recent = (today - date_).days < 3
        # The category column holds Plaid's personal finance category (migration 0013):
        # the primary, and a detailed one made from the legacy subcategory.
        detailed = f"{pfc}_{sub.upper().replace(' ', '_')}" if pfc and sub else None
        rows.append(
            (
                user_id,
                account,
                uuid.uuid4().hex,
                pfc,
                detailed,
                json.dumps([category, sub]) if category else None,  # as Plaid sent it
                name,
                merchant,
                amount,
                "USD",
                date_,
                date_,
                recent and rng.random() < 0.5,
                False,
                rng.random() < 0.01,
            )
        )

    months = days // 30
    for month in range(months + 1):
        for day in (1, 15):
            paid = first + timedelta(days=month * 30 + day)
            if paid <= today:
                add(
                    checking,
                    paid,
                    "Transfer",
                    "Payroll",
                    "INCOME",
                    "ACME CORP PAYROLL",
                    None,
                    Decimal(-rng.randint(2800, 3200)),
                )
        paid = first + timedelta(days=month * 30 + 20)
        if paid <= today:
            amount = Decimal(rng.randint(400, 2500))
            add(
                checking,
                paid,
                "Payment",
                "Credit Card",
                "LOAN_PAYMENTS",
                "PLAID CREDIT CARD PAYMENT",
                None,
                amount,
            )
            add(card, paid, "Transfer", "Credit", "TRANSFER_IN", "PAYMENT THANK YOU", None, -amount)
            add(
                saving,
                paid,
                "Transfer",
                "Deposit",
                "TRANSFER_IN",
                "Transfer from checking",
                None,
                Decimal(-200),
            )
    while len(rows) < count:
        pattern, merchant, category, sub, pfc, low, high = rng.choice(_MERCHANTS)
        amount = Decimal(str(round(rng.uniform(low, high), 2)))
        if rng.random() < 0.02:
            amount = -amount  # a refund
        add(
            rng.choice(spend_accounts),
            first + timedelta(days=rng.randrange(days + 1)),
            category,
            sub,
            pfc,
            pattern.format(n=rng.randint(100, 9999)),
            merchant,
            amount,
        )
    return rows[:count]


async def load_user(
    connection: asyncpg.Connection, rng: random.Random, user_id: int, count: int, today: date
) -> Loaded:
    """Two items (three accounts, then two) and `count` transactions for one user."""
    account_ids: list[int] = []
    for index, (institution_id, institution) in enumerate(_INSTITUTIONS):
        item_id = await connection.fetchval(
            "INSERT INTO items (user_id, plaid_access_token_encrypted, plaid_item_id,"
            " plaid_institution_id, institution_name, status, archived)"
            " VALUES ($1, 'not-a-token', $2, $3, $4, 'good', false) RETURNING id",
            user_id,
            uuid.uuid4().hex,
            institution_id,
            institution,
        )
        for name, kind, subtype in _ACCOUNTS[: 3 - index]:
            account_ids.append(
                await connection.fetchval(
                    "INSERT INTO accounts (item_id, plaid_account_id, name, mask, type, subtype,"
                    " iso_currency_code, closed) VALUES ($1, $2, $3, $4, $5, $6, 'USD', false)"
                    " RETURNING id",
                    item_id,
                    uuid.uuid4().hex,
                    name,
                    str(rng.randint(1000, 9999)),
                    kind,
                    subtype,
                )
            )
    rows = _transactions(rng, user_id, account_ids, count, today)
    await connection.copy_records_to_table("transactions", records=rows, columns=TX_COLUMNS)
    return Loaded(transactions=len(rows), account_ids=account_ids)


async def add_users(connection: asyncpg.Connection, names: list[str]) -> list[int]:
    """Users who never log in (the hash is not a real one)."""
    ids: list[int] = []
    for name in names:
        ids.append(
            await connection.fetchval(
                "INSERT INTO users (username, password_hash, is_admin) VALUES ($1, 'x', $2)"
                " RETURNING id",
                name,
                not ids,
            )
        )
    return ids
