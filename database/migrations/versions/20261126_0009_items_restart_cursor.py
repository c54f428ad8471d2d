"""items.transactions_restart_cursor: where a pagination cut short begins again.

The sync stores each page's cursor with the page. When a pass stops in the middle of a
pagination (a crash, a refused call) and the item changes before the next one, Plaid
answers TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION from that cursor every time: the
pagination must begin again from the cursor it began with, which this keeps ('' for the
very first pagination; NULL when the stored cursor ends a whole update).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 00:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("transactions_restart_cursor", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("transactions_restart_cursor")
