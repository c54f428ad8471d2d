"""accounts.display_name, hidden, excluded_from_net_worth; assets.kind.

A person's own name for an account (Plaid's stays in `name`, rewritten by every sync),
hiding it from lists and pickers, leaving it out of net worth; and what a manual asset is
(property, vehicle, other).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 23:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Not in a batch: SQLite adds the columns in place, where a batch would copy the table,
    # and dropping the old accounts table would cascade to every transaction.
    op.add_column("accounts", sa.Column("display_name", sa.String(255), nullable=True))
    op.add_column(
        "accounts", sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "accounts",
        sa.Column(
            "excluded_from_net_worth", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )
    op.add_column(
        "assets", sa.Column("kind", sa.String(16), nullable=False, server_default="other")
    )


def downgrade() -> None:
    # In place too (SQLite 3.35+).
    op.drop_column("assets", "kind")
    op.drop_column("accounts", "excluded_from_net_worth")
    op.drop_column("accounts", "hidden")
    op.drop_column("accounts", "display_name")
