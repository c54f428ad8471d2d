"""A trigram index for the transaction search (PostgreSQL only).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Same expression as pattern.transactions.query.SEARCH_TEXT, so the planner matches it.
SEARCH_TEXT = (
    "lower(coalesce(name, '') || ' ' || coalesce(merchant_name, '') || ' ' "
    "|| coalesce(category, '') || ' ' || coalesce(subcategory, ''))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_transactions_search_text",
        "transactions",
        [sa.text(f"({SEARCH_TEXT}) gin_trgm_ops")],
        postgresql_using="gin",
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_transactions_search_text", table_name="transactions")
