"""shares and share_accounts: a person shares some of their accounts with another.

A share is an owner's, to one member, as "view" or "edit", with the owner's budget or
not; until its invite link is taken it has no member, only the link's SHA-256. See
docs/adr/0035-households.md.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-04 11:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("budget", sa.Boolean(), nullable=False),
        sa.Column("invite_hash", sa.String(length=64), nullable=True),
        sa.Column("invite_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("owner_id <> member_id", name=op.f("ck_shares_not_oneself")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["users.id"], name=op.f("fk_shares_member_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_shares_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shares")),
        sa.UniqueConstraint("invite_hash", name=op.f("uq_shares_invite_hash")),
        sa.UniqueConstraint("owner_id", "member_id", name=op.f("uq_shares_owner_id_member_id")),
    )
    op.create_index(op.f("ix_shares_member_id"), "shares", ["member_id"], unique=False)
    op.create_index(op.f("ix_shares_owner_id"), "shares", ["owner_id"], unique=False)
    op.create_table(
        "share_accounts",
        sa.Column("share_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_share_accounts_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["share_id"],
            ["shares.id"],
            name=op.f("fk_share_accounts_share_id_shares"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("share_id", "account_id", name=op.f("pk_share_accounts")),
    )
    op.create_index(
        op.f("ix_share_accounts_account_id"), "share_accounts", ["account_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_share_accounts_account_id"), table_name="share_accounts")
    op.drop_table("share_accounts")
    op.drop_index(op.f("ix_shares_owner_id"), table_name="shares")
    op.drop_index(op.f("ix_shares_member_id"), table_name="shares")
    op.drop_table("shares")
