"""month_totals, day_changes and users.totals_reset_version.

Each calendar month's totals of a person's counted transactions, stored, and the data
version of the latest change to each day (and to every day), so that budgets, cash flow
and the monthly insights read a year in a few rows and count again only what changed.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 14:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "month_totals",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("computed_version", sa.BigInteger(), nullable=False),
        sa.Column("entries", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_month_totals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "month", name=op.f("pk_month_totals")),
    )
    op.create_table(
        "day_changes",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("changed_version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_day_changes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_day_changes")),
    )
    # In place, not in a batch: on SQLite a batch copies the table, and dropping the old
    # users table would cascade to everything a person owns.
    op.add_column(
        "users",
        sa.Column("totals_reset_version", sa.BigInteger(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("users", "totals_reset_version")
    op.drop_table("day_changes")
    op.drop_table("month_totals")
