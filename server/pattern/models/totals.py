"""What each calendar month of a person's counted transactions adds up to, stored, and which
days changed since (pattern.totals)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base


class MonthTotals(Base):
    """One calendar month's totals by day, category and currency, as computed from the
    person's data at `computed_version` (their users.data_version, read before)."""

    __tablename__ = "month_totals"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    computed_version: Mapped[int] = mapped_column(BigInteger)
    # The month's entries, encoded by pattern.totals.entries: one row, written in one
    # statement, so two requests storing the same month never mix their entries.
    entries: Mapped[bytes] = mapped_column(LargeBinary)


class DayChange(Base):
    """The data version of the latest change to a day of the person's counted
    transactions (a change to every day sets users.totals_reset_version instead)."""

    __tablename__ = "day_changes"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    changed_version: Mapped[int] = mapped_column(BigInteger)
