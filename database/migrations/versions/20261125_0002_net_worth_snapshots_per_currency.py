"""Net worth snapshots per currency: one row per user, day and currency.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 15:17:25.384164
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("net_worth_snapshots", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "iso_currency_code",
                sa.String(length=16),
                server_default="USD",
                nullable=False,
            )
        )
        batch_op.drop_constraint(
            batch_op.f("uq_net_worth_snapshots_user_id_snapshot_date"), type_="unique"
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_net_worth_snapshots_user_id_snapshot_date_iso_currency_code"),
            ["user_id", "snapshot_date", "iso_currency_code"],
        )


def downgrade() -> None:
    with op.batch_alter_table("net_worth_snapshots", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_net_worth_snapshots_user_id_snapshot_date_iso_currency_code"),
            type_="unique",
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_net_worth_snapshots_user_id_snapshot_date"),
            ["user_id", "snapshot_date"],
        )
        batch_op.drop_column("iso_currency_code")
