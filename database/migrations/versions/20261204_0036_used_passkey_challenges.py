"""used_passkey_challenges: a passkey ceremony's challenge is answered once.

Its signed cookie lives 5 minutes; the challenge is kept here from its first answer
(right or wrong) until then, so a replayed answer is refused on every server process.
See docs/adr/0031-two-factor-log-in.md (addendum).

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-04 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "used_passkey_challenges",
        sa.Column("challenge", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("challenge", name=op.f("pk_used_passkey_challenges")),
    )
    op.create_index(
        op.f("ix_used_passkey_challenges_expires_at"), "used_passkey_challenges", ["expires_at"]
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_used_passkey_challenges_expires_at"), table_name="used_passkey_challenges"
    )
    op.drop_table("used_passkey_challenges")
