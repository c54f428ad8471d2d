"""items.manual and accounts.manual: accounts a person keeps by hand.

Each person's manual accounts belong to one item of theirs that no bank stands behind (no
access token, never synced), so every query that reaches a person's accounts through
their items keeps scoping them (docs/adr/0027-manual-accounts.md).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04 03:15:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN: on SQLite a batch would copy the tables, and dropping the old ones
    # would cascade to every account and transaction.
    op.add_column(
        "items", sa.Column("manual", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "accounts", sa.Column("manual", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    op.execute("DELETE FROM items WHERE manual")
    op.drop_column("accounts", "manual")
    op.drop_column("items", "manual")
