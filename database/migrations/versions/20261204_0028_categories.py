"""categories: a person's own categories and groups, and what they changed of Plaid's.

Names (labels), colours, groups, hidden ones and merges: see
docs/adr/0028-categories-people-own.md.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04 03:15:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("is_group", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=255), nullable=False),
        sa.Column("own", sa.Boolean(), nullable=False),
        sa.Column("group_code", sa.String(length=255), nullable=True),
        sa.Column("label", sa.String(length=99), nullable=True),
        sa.Column("color", sa.String(length=7), nullable=True),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("merged_into", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_categories_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categories")),
        sa.UniqueConstraint(
            "user_id", "is_group", "code", name=op.f("uq_categories_user_id_is_group_code")
        ),
    )


def downgrade() -> None:
    op.drop_table("categories")
