"""Sync pagination numbers: what a pagination that began again leaves behind is found.

transactions.sync_pagination is the number of the /transactions/sync pagination that last
wrote the row; items.transactions_pagination the number of the item's pagination under way
(or last whole), and items.transactions_cut_since the first attempt cut short while one
begins again. Once the pagination that began again is whole, the item's rows that only
attempts cut short wrote are deleted: Plaid's restart no longer mentions them
(pattern.sync.pagination). Adding a column with a constant default rewrites nothing.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 01:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("transactions_pagination", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("transactions_cut_since", sa.Integer(), nullable=True))
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sync_pagination", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_column("sync_pagination")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("transactions_cut_since")
        batch_op.drop_column("transactions_pagination")
