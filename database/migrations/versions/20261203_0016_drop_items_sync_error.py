"""Drop items.sync_error_code: the sync request keeps why a sync failed.

Migration 0012 added the column and 0015's `sync_requests.last_error` recorded the same
failure a second time; the item now reads it from its sync request.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 06:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# In place, not in a batch: on SQLite a batch copies the table, and dropping the old items
# table would cascade to every account and transaction (DROP COLUMN needs SQLite 3.35+).
def upgrade() -> None:
    op.drop_column("items", "sync_error_code")


def downgrade() -> None:
    op.add_column("items", sa.Column("sync_error_code", sa.String(64), nullable=True))
