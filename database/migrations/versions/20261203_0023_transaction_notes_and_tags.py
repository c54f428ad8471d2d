"""transactions.note and transactions.tags, searched with the rest of the text.

A person's note and tags on a transaction. The search's trigram index (PostgreSQL only)
is made again over the text with them in it.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each the same expression as pattern.models.transactions.SEARCH_TEXT at its revision.
BEFORE = (
    "lower(coalesce(name, '') || ' ' || coalesce(merchant_name, '') || ' ' "
    "|| coalesce(category, '') || ' ' || coalesce(subcategory, ''))"
)
AFTER = (
    "lower(coalesce(name, '') || ' ' || coalesce(merchant_name, '') || ' ' "
    "|| coalesce(category, '') || ' ' || coalesce(subcategory, '') || ' ' "
    "|| coalesce(note, '') || ' ' || coalesce(tags, ''))"
)


def _search_index(expression: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_transactions_search_text", table_name="transactions")
    op.create_index(
        "ix_transactions_search_text",
        "transactions",
        [sa.text(f"({expression}) gin_trgm_ops")],
        postgresql_using="gin",
    )


def upgrade() -> None:
    op.add_column("transactions", sa.Column("note", sa.Text(), nullable=True))
    op.add_column("transactions", sa.Column("tags", sa.Text(), nullable=True))
    _search_index(AFTER)


def downgrade() -> None:
    _search_index(BEFORE)
    op.drop_column("transactions", "tags")
    op.drop_column("transactions", "note")
