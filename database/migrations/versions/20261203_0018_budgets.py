"""budgets: a monthly amount per category or category group, and each person's settings.

budget_lines holds one row per person, budget month (YYYY-MM), category group and
category ("" for a line on the whole group), with its rollover kind; budget_settings the
day the person's months start and their income target. The figures (spent, left,
carried) are computed on read (docs/adr/0017-budgets-computed-on-read.md).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("category", sa.String(length=255), nullable=False),
        sa.Column("subcategory", sa.String(length=255), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("rollover", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "rollover IN ('none', 'carry_surplus', 'carry_all')",
            name=op.f("ck_budget_lines_rollover"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_budget_lines_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_lines")),
        sa.UniqueConstraint(
            "user_id",
            "month",
            "category",
            "subcategory",
            name=op.f("uq_budget_lines_user_id_month_category_subcategory"),
        ),
    )
    op.create_table(
        "budget_settings",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("month_start_day", sa.Integer(), nullable=False),
        sa.Column("income_target", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_budget_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_budget_settings")),
    )


def downgrade() -> None:
    op.drop_table("budget_settings")
    op.drop_table("budget_lines")
