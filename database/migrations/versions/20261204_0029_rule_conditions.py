"""transaction_rules: match on the merchant, an amount range and accounts.

match_merchant is Plaid's merchant_name, equal whatever the case; min_amount and
max_amount bound the amount in Plaid's sign (money out positive, as the transaction list's
filter takes it), both ends included; match_account_ids lists the person's account ids,
as JSON (one of them matches).

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04 03:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): nullable columns every database adds in place.
    op.add_column("transaction_rules", sa.Column("match_merchant", sa.String(255), nullable=True))
    op.add_column("transaction_rules", sa.Column("min_amount", sa.Numeric(18, 2), nullable=True))
    op.add_column("transaction_rules", sa.Column("max_amount", sa.Numeric(18, 2), nullable=True))
    op.add_column("transaction_rules", sa.Column("match_account_ids", sa.JSON(), nullable=True))


def downgrade() -> None:
    for column in ("match_account_ids", "max_amount", "min_amount", "match_merchant"):
        op.drop_column("transaction_rules", column)
