"""items.sync_error_code: why the item's last sync failed, until one succeeds.

`error_code` stays the error that needs the person (a new login); this one is a failure
that passes by itself (the bank is down, Plaid is busy), shown on the bank's card with
what it means, and cleared by the next sync that succeeds.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 16:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# In place, not in a batch: on SQLite a batch copies the table, and dropping the old items
# table would cascade to every account and transaction (DROP COLUMN needs SQLite 3.35+).
def upgrade() -> None:
    op.add_column("items", sa.Column("sync_error_code", sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column("items", "sync_error_code")
