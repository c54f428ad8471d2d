"""What sign-up keeps: the installation's claim by its first administrator, and invites."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base


class Installation(Base):
    """One row, written with the first administrator's account: its primary key is the
    claim, so however many sign-ups race with the setup code, one administrator results."""

    __tablename__ = "installation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    set_up_at: Mapped[datetime]


class Invite(Base):
    """A single-use invitation to sign up, made by an administrator. Only a hash of its code
    is kept: the code itself is shown once, to the administrator who makes it."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
