"""accounts.display_name, hidden, excluded_from_net_worth; assets.kind.

A person's own name for an account (Plaid's stays in `name`, rewritten by every sync),
hiding it from lists and pickers, leaving it out of net worth; and what a manual asset is
(property, vehicle, other).

Revision ID: 0025
Revises: 0023
Create Date: 2026-12-03 23:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("display_name", sa.String(255), nullable=True))
        batch.add_column(
            sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column(
                "excluded_from_net_worth",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
    with op.batch_alter_table("assets") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="other"))


def downgrade() -> None:
    with op.batch_alter_table("assets") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("excluded_from_net_worth")
        batch.drop_column("hidden")
        batch.drop_column("display_name")
