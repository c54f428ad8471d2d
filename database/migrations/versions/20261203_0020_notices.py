"""notices, notice_settings, notice_streams and notice_items.

In-app notices (a new subscription, a price rise, a bill due soon), each made once per
person; the days ahead a bill due is told; and what notices already knew of the person's
recurring streams and banks, so linking a bank does not flood them with "new" ones.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 10:45:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _created_at() -> sa.Column[Any]:
    return sa.Column(
        "created_at",
        sa.DateTime(timezone=True),
        server_default=sa.text("(CURRENT_TIMESTAMP)"),
        nullable=False,
    )


def _user_id(table: str) -> list[Any]:
    return [
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        *_user_id("notices"),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("stream_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        _created_at(),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('new_subscription', 'price_rise', 'bill_due')", name=op.f("ck_notices_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
        sa.UniqueConstraint("user_id", "dedupe_key", name=op.f("uq_notices_user_id_dedupe_key")),
    )
    op.create_index("ix_notices_user_id_id", "notices", ["user_id", "id"])
    op.create_table(
        "notice_settings",
        *_user_id("notice_settings"),
        sa.Column("bill_due_days", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "bill_due_days BETWEEN 0 AND 14", name=op.f("ck_notice_settings_bill_due_days")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notice_settings")),
    )
    op.create_table(
        "notice_streams",
        sa.Column("id", sa.Integer(), nullable=False),
        *_user_id("notice_streams"),
        sa.Column("stream_id", sa.String(length=64), nullable=False),
        sa.Column("last_transaction_id", sa.String(length=64), nullable=True),
        sa.Column("quiet_due_date", sa.Date(), nullable=True),
        _created_at(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_streams")),
        sa.UniqueConstraint(
            "user_id", "stream_id", name=op.f("uq_notice_streams_user_id_stream_id")
        ),
    )
    op.create_table(
        "notice_items",
        sa.Column("item_id", sa.Integer(), nullable=False),
        *_user_id("notice_items"),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_notice_items_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_notice_items")),
    )


def downgrade() -> None:
    op.drop_table("notice_items")
    op.drop_table("notice_streams")
    op.drop_table("notice_settings")
    op.drop_index("ix_notices_user_id_id", table_name="notices")
    op.drop_table("notices")
