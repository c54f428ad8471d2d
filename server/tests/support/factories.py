"""Plain factory functions writing rows straight to the database, with keyword overrides."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account, Item, Transaction

_ids = itertools.count(1)


async def make_item(session: AsyncSession, user_id: int, **overrides: Any) -> Item:
    n = next(_ids)
    values: dict[str, Any] = {
        "user_id": user_id,
        "plaid_access_token_encrypted": "not-a-token",
        "plaid_item_id": f"item-{n}",
        "plaid_institution_id": f"ins_{n}",
        "institution_name": "Test Bank",
    }
    item = Item(**(values | overrides))
    session.add(item)
    await session.flush()
    return item


async def make_account(session: AsyncSession, item_id: int, **overrides: Any) -> Account:
    n = next(_ids)
    values: dict[str, Any] = {
        "item_id": item_id,
        "plaid_account_id": f"acc-{n}",
        "name": "Checking",
        "mask": "0000",
        "type": "depository",
        "subtype": "checking",
        "current_balance": Decimal("100.00"),
        "iso_currency_code": "USD",
    }
    account = Account(**(values | overrides))
    session.add(account)
    await session.flush()
    return account


async def make_transaction(session: AsyncSession, account_id: int, **overrides: Any) -> Transaction:
    n = next(_ids)
    values: dict[str, Any] = {
        "account_id": account_id,
        "plaid_transaction_id": f"tx-{n}",
        "name": f"Purchase {n}",
        "amount": Decimal("10.00"),
        "date": date(2024, 1, 15),
        "iso_currency_code": "USD",
        "category": "Shops",
        "subcategory": None,
    }
    values |= overrides
    if "user_id" not in values:  # the owner, as the sync writer copies it from the item
        values["user_id"] = await session.scalar(
            select(Item.user_id).join(Account).where(Account.id == values["account_id"])
        )
    values.setdefault("original_name", values["name"])
    values.setdefault("original_category", values["category"])
    values.setdefault("original_subcategory", values["subcategory"])
    values.setdefault("original_date", values["date"])
    transaction = Transaction(**values)
    session.add(transaction)
    await session.flush()
    return transaction
