"""sso_identities: the OpenID provider's subject of an account (single sign-on).

An account's first SSO log-in is matched by a claim the administrator chose (OIDC_CLAIM);
its issuer and subject are then stored here and later log-ins follow them. One subject per
issuer is one account, and an account has one subject per issuer; see
docs/adr/0034-single-sign-on-with-openid-connect.md.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-04 08:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sso_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_sso_identities_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_identities")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_sso_identities_issuer_subject")),
        sa.UniqueConstraint("user_id", "issuer", name=op.f("uq_sso_identities_user_id_issuer")),
    )


def downgrade() -> None:
    op.drop_table("sso_identities")
