"""sync requests: every sync asked for is kept until a pass has served it.

One row per item (pattern.models.sync_requests): requests counted, the count served, when
to try again after a failure, and the dead-letter mark after the last attempt. And
items.transactions_update_status: whether Plaid has the item's whole history yet.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 16:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_requests",
        sa.Column("item_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("requested", sa.Integer(), server_default="1", nullable=False),
        sa.Column("done", sa.Integer(), server_default="0", nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.String(length=64), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dead_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_sync_requests_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_sync_requests")),
    )
    op.create_index(
        op.f("ix_sync_requests_run_after"), "sync_requests", ["run_after"], unique=False
    )
    # In place, not in a batch: on SQLite a batch copies the table, and dropping the old
    # items table would cascade to every account and transaction.
    op.add_column("items", sa.Column("transactions_update_status", sa.String(length=32)))


def downgrade() -> None:
    op.drop_column("items", "transactions_update_status")
    op.drop_index(op.f("ix_sync_requests_run_after"), table_name="sync_requests")
    op.drop_table("sync_requests")
