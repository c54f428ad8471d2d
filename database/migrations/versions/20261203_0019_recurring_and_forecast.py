"""recurring_overrides and users.low_balance_threshold.

What a person said of a recurring stream (not recurring, or the amount they expect), kept
by the stream's id; and the balance below which the 30-day forecast warns them.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 07:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recurring_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("stream_id", sa.String(length=64), nullable=False),
        sa.Column("not_recurring", sa.Boolean(), nullable=False),
        sa.Column("expected_amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_recurring_overrides_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurring_overrides")),
        sa.UniqueConstraint(
            "user_id", "stream_id", name=op.f("uq_recurring_overrides_user_id_stream_id")
        ),
    )
    # In place, not in a batch: on SQLite a batch copies the table, and dropping the old
    # users table would cascade to everything a person owns.
    op.add_column(
        "users",
        sa.Column(
            "low_balance_threshold",
            sa.Numeric(precision=18, scale=2),
            server_default="0",
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("users", "low_balance_threshold")
    op.drop_table("recurring_overrides")
