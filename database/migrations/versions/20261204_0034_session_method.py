"""user_sessions.method: how a session signed in ("sso"; null for the server's own log-in).

A session signed in through the OpenID provider counts as having its second factor (the
provider asks for its own): the administrator's two-factor rule does not send it to set
one up here; see docs/adr/0034-single-sign-on-with-openid-connect.md.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-04 09:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("user_sessions", sa.Column("method", sa.String(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column("user_sessions", "method")
