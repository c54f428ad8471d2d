"""items.new_accounts_available: Plaid said the bank has accounts the person can add.

Set by the ITEM NEW_ACCOUNTS_AVAILABLE webhook, cleared when the person has added them
(update-mode Link with account selection), so the bank's card offers "Add accounts" until
then, across reloads.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 16:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Not in a batch: SQLite adds the column in place, where a batch would copy the table,
    # and dropping the old items table would cascade to every account and transaction.
    op.add_column(
        "items",
        sa.Column(
            "new_accounts_available", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )


def downgrade() -> None:
    op.drop_column("items", "new_accounts_available")  # in place too (SQLite 3.35+)
