"""Single sign-on: which OpenID provider's subject is which account (pattern.sso)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base


class SsoIdentity(Base):
    """A person's account at an OpenID provider: its issuer and subject (`sub`), stored on
    the first SSO log-in. Later log-ins follow the subject, never a claim that can change."""

    __tablename__ = "sso_identities"
    __table_args__ = (
        UniqueConstraint("issuer", "subject"),
        UniqueConstraint("user_id", "issuer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]
