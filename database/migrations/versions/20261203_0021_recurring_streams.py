"""recurring_streams, users.recurring_version, items.recurring_from_plaid/_checked_at.

Each person's current recurring streams, stored when a sync pass changes their rows (or a
read finds them older than the person's data), so that reading them never waits for the
detection; and the data version the stored ones were detected from.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 10:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recurring_streams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("stream_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("plaid_stream_id", sa.String(length=255), nullable=True),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("description", sa.String(length=512), nullable=False),
        sa.Column("merchant_name", sa.String(length=255), nullable=True),
        sa.Column("category", sa.String(length=255), nullable=True),
        sa.Column("subcategory", sa.String(length=255), nullable=True),
        sa.Column("frequency", sa.String(length=32), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.Column("predicted_next_date", sa.Date(), nullable=False),
        sa.Column("transaction_ids", sa.Text(), nullable=False),
        sa.Column("average_amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("last_amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("data_version", sa.BigInteger(), nullable=False),
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
            name=op.f("fk_recurring_streams_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_recurring_streams_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurring_streams")),
        sa.UniqueConstraint(
            "user_id", "stream_id", name=op.f("uq_recurring_streams_user_id_stream_id")
        ),
    )
    op.create_index("ix_recurring_streams_account_id", "recurring_streams", ["account_id"])
    # In place, not in a batch: on SQLite a batch copies the table, and dropping the old
    # users table would cascade to everything a person owns.
    op.add_column("users", sa.Column("recurring_version", sa.BigInteger(), nullable=True))
    # Whether Plaid's /transactions/recurring/get serves the item, and when it was asked.
    op.add_column("items", sa.Column("recurring_from_plaid", sa.Boolean(), nullable=True))
    op.add_column(
        "items", sa.Column("recurring_checked_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("items", "recurring_checked_at")
    op.drop_column("items", "recurring_from_plaid")
    op.drop_column("users", "recurring_version")
    op.drop_index("ix_recurring_streams_account_id", table_name="recurring_streams")
    op.drop_table("recurring_streams")
