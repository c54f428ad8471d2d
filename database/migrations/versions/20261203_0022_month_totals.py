"""month_totals and month_changes.

Each calendar month's totals of a person's counted transactions, stored, and the data
version of the latest change to each month, so that budgets, cash flow and the monthly
insights read a year in a few rows and recompute only the months that changed.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 14:10:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user_month(table: str, *columns: sa.Column[Any]) -> None:
    op.create_table(
        table,
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "month", name=op.f(f"pk_{table}")),
    )


def upgrade() -> None:
    _user_month(
        "month_totals",
        sa.Column("computed_version", sa.BigInteger(), nullable=False),
        sa.Column("entries", sa.LargeBinary(), nullable=False),
    )
    _user_month("month_changes", sa.Column("changed_version", sa.BigInteger(), nullable=False))


def downgrade() -> None:
    op.drop_table("month_changes")
    op.drop_table("month_totals")
