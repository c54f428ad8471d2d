"""Every migration since 0011 keeps the rows a person already has, up and down.

On SQLite a batch migration copies a table and drops the old one, and dropping `items` or
`accounts` cascades (foreign keys are on) to every account and transaction below them:
migration 0014 once lost them all that way.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from pattern.kit.db import create_engine
from tests.support.databases import alembic

START = "0011"
TABLES = ("users", "items", "accounts", "transactions", "account_balance_history")

# In SQL, not through the models: they describe the newest schema.
ROWS = (
    "INSERT INTO users (id, username, password_hash, is_admin, data_version)"
    " VALUES (1, 'alice', 'x', false, 0)",
    "INSERT INTO items (id, user_id, plaid_access_token_encrypted, plaid_item_id,"
    " plaid_institution_id, status, archived) VALUES (1, 1, 't', 'item-1', 'ins_1', 'good', false)",
    "INSERT INTO accounts (id, item_id, plaid_account_id, name, type, closed)"
    " VALUES (1, 1, 'acc-1', 'Checking', 'depository', false)",
    "INSERT INTO transactions (account_id, user_id, plaid_transaction_id, name, amount, date,"
    " pending, manually_updated, hidden) VALUES (1, 1, 'tx-1', 'Coffee', 4.5, '2026-11-01',"
    " false, false, false)",
    "INSERT INTO account_balance_history (account_id, recorded_at, current_balance)"
    " VALUES (1, '2026-11-01 00:00:00', 100)",
)


async def _counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as connection:
        return {
            table: (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            for table in TABLES
        }


async def test_upgrading_to_head_keeps_every_row(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await alembic(engine, "downgrade", START)
        async with engine.begin() as connection:
            for row in ROWS:
                await connection.execute(text(row))
        assert await _counts(engine) == dict.fromkeys(TABLES, 1)
        await alembic(engine, "upgrade", "head")
        assert await _counts(engine) == dict.fromkeys(TABLES, 1)
        await alembic(engine, "downgrade", START)
        assert await _counts(engine) == dict.fromkeys(TABLES, 1)
        await alembic(engine, "upgrade", "head")
    finally:
        await engine.dispose()
