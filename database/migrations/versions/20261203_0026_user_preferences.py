"""users.theme, users.time_zone and users.currency: a person's own settings.

The colour scheme the web app shows (system, light or dark), the IANA time zone that says
what "today" is for them (empty: the server's TIMEZONE), and the currency money without
one of its own is shown in (empty: the one most of their accounts hold).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03 23:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): on SQLite a batch would drop and copy users, and
    # the drop would cascade to every row of theirs.
    op.add_column(
        "users", sa.Column("theme", sa.String(8), nullable=False, server_default="system")
    )
    op.add_column("users", sa.Column("time_zone", sa.String(64), nullable=True))
    op.add_column("users", sa.Column("currency", sa.String(3), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "currency")
    op.drop_column("users", "time_zone")
    op.drop_column("users", "theme")
