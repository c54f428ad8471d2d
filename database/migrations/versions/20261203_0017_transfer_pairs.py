"""transfer pairs: money moving between two of a person's own accounts.

transfer_pairs holds the matched pairs (found by the matching, confirmed, or matched by
hand), transfer_refusals the pairs the person unmatched, both by Plaid transaction id; and
users.transfers_matched says whether a user's stored transactions were matched once, so
the history stored before this migration is matched at the user's next sync.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 07:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _plaid_id() -> sa.types.TypeEngine[str]:
    return sa.String(255).with_variant(sa.String(255, collation="C"), "postgresql")


def _user_id(table: str) -> list[Any]:
    return [
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "transfer_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        *_user_id("transfer_pairs"),
        sa.Column("outflow_transaction_id", _plaid_id(), nullable=False),
        sa.Column("inflow_transaction_id", _plaid_id(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_pairs")),
        sa.UniqueConstraint(
            "outflow_transaction_id", name=op.f("uq_transfer_pairs_outflow_transaction_id")
        ),
        sa.UniqueConstraint(
            "inflow_transaction_id", name=op.f("uq_transfer_pairs_inflow_transaction_id")
        ),
    )
    op.create_index(op.f("ix_transfer_pairs_user_id"), "transfer_pairs", ["user_id"])
    op.create_table(
        "transfer_refusals",
        sa.Column("id", sa.Integer(), nullable=False),
        *_user_id("transfer_refusals"),
        sa.Column("outflow_transaction_id", _plaid_id(), nullable=False),
        sa.Column("inflow_transaction_id", _plaid_id(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_refusals")),
        sa.UniqueConstraint(
            "outflow_transaction_id",
            "inflow_transaction_id",
            name=op.f("uq_transfer_refusals_outflow_transaction_id_inflow_transaction_id"),
        ),
    )
    op.create_index(op.f("ix_transfer_refusals_user_id"), "transfer_refusals", ["user_id"])
    op.create_index(
        op.f("ix_transfer_refusals_inflow_transaction_id"),
        "transfer_refusals",
        ["inflow_transaction_id"],
    )
    # In place, not in a batch: on SQLite a batch copies the table, and dropping the old
    # users table would cascade to every item, account and transaction.
    op.add_column(
        "users",
        sa.Column("transfers_matched", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("users", "transfers_matched")
    op.drop_index(
        op.f("ix_transfer_refusals_inflow_transaction_id"), table_name="transfer_refusals"
    )
    op.drop_index(op.f("ix_transfer_refusals_user_id"), table_name="transfer_refusals")
    op.drop_table("transfer_refusals")
    op.drop_index(op.f("ix_transfer_pairs_user_id"), table_name="transfer_pairs")
    op.drop_table("transfer_pairs")
