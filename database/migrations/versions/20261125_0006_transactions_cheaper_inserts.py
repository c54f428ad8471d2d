"""Cheaper transaction inserts: no foreign key on user_id; plaid ids compared bytewise.

Measured on 100,000 rows written in pages of 500 with every index in place (PostgreSQL 15,
2 cores): 6.6 s; without the user_id foreign key 5.5 s; with the "C" collation on
plaid_transaction_id too 5.1 s.

- transactions.user_id is a copy of the owning item's user (migration 0004) and the
  account's foreign key already removes a user's transactions with their items, so the
  second check per inserted row bought nothing.
- plaid_transaction_id is an opaque id, only ever compared for equality: under a
  database collation other than C (C.UTF-8, en_US.UTF-8) every comparison in its unique
  index went through strcoll. The "C" collation compares bytes (PostgreSQL only; SQLite
  compares bytes already).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 20:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_constraint("fk_transactions_user_id_users", type_="foreignkey")
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "transactions",
            "plaid_transaction_id",
            existing_type=sa.String(255),
            type_=sa.String(255, collation="C"),
            existing_nullable=False,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "transactions",
            "plaid_transaction_id",
            existing_type=sa.String(255, collation="C"),
            type_=sa.String(255),
            existing_nullable=False,
        )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.create_foreign_key(
            "fk_transactions_user_id_users", "users", ["user_id"], ["id"], ondelete="CASCADE"
        )
