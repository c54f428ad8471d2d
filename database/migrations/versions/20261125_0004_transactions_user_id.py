"""Transactions carry their owner's user_id, and one index serves a user's lists.

Every list, total and insight is per user. Reaching the user through accounts and items
made PostgreSQL gather all of a user's rows before it could sort or count them; with
user_id on the row, (user_id, hidden, date, id) hands out a page of the newest rows
straight from the index and counts without touching the table. The owner of a
transaction never changes (an item never moves between users), so the copy cannot drift.

(user_id, hidden, amount, id) does the same for a list sorted by amount. The index on
pending_transaction_id goes: nothing looks transactions up by it, and every index costs
the sync time on each insert.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE transactions SET user_id = (SELECT items.user_id FROM accounts"
        " JOIN items ON items.id = accounts.item_id WHERE accounts.id = transactions.account_id)"
    )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_transactions_user_id_users"),
            "users",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            "ix_transactions_user_list", ["user_id", "hidden", "date", "id"], unique=False
        )
        batch_op.create_index(
            "ix_transactions_user_amount", ["user_id", "hidden", "amount", "id"], unique=False
        )
        batch_op.drop_index("ix_transactions_pending_transaction_id")


def downgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_transactions_pending_transaction_id", ["pending_transaction_id"], unique=False
        )
        batch_op.drop_index("ix_transactions_user_amount")
        batch_op.drop_index("ix_transactions_user_list")
        batch_op.drop_constraint(batch_op.f("fk_transactions_user_id_users"), type_="foreignkey")
        batch_op.drop_column("user_id")
