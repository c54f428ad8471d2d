"""What two-factor log-in keeps: a person's TOTP secret (encrypted), their recovery codes
(hashed), their passkeys, and the installation's rule that everyone needs a second factor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, LargeBinary, String, false
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base


class TotpSecret(Base):
    """A person's authenticator app. Until confirmed with a code it does not count; the
    secret is encrypted with TOKEN_ENCRYPTION_KEY, as Plaid access tokens are."""

    __tablename__ = "totp_secrets"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    secret_encrypted: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]
    # The 30-second step of the last code accepted: that code, and older ones, never again.
    last_used_step: Mapped[int | None] = mapped_column(BigInteger)


class RecoveryCode(Base):
    """A single-use code for a lost authenticator; only its keyed hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Passkey(Base):
    """A WebAuthn credential of a person: a second factor, or a log-in on its own."""

    __tablename__ = "passkeys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    # base64url, as the browser names it.
    credential_id: Mapped[str] = mapped_column(String(512), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]


class SecuritySettings(Base):
    """The installation's security rules, set by an administrator (one row, made on first
    change; no row: the defaults)."""

    __tablename__ = "security_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    require_two_factor: Mapped[bool] = mapped_column(default=False, server_default=false())
    updated_at: Mapped[datetime]


class UsedPasskeyChallenge(Base):
    """A passkey ceremony's challenge that was answered (rightly or not): its signed cookie
    lives 5 minutes, and within them the same answer must not work twice. Kept until the
    cookie would have expired, so every server process sees it."""

    __tablename__ = "used_passkey_challenges"

    # base64url, as the ceremony's cookie carries it.
    challenge: Mapped[str] = mapped_column(String(128), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
