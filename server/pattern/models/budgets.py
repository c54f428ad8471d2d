from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base

ROLLOVER_KINDS = ("none", "carry_surplus", "carry_all")


class BudgetLine(Base):
    """The amount a person budgets for one category in one budget month.

    `category` is a category group (Plaid's primary category, FOOD_AND_DRINK) and
    `subcategory` one category in it (FOOD_AND_DRINK_GROCERIES), or "" for a line on the
    whole group: "" rather than NULL so that the unique key holds on both databases.
    `rollover` says what the month leaves to the next one: nothing, what is left, or what
    is left and what was overspent (pattern.budgets.figures).
    """

    __tablename__ = "budget_lines"
    __table_args__ = (
        UniqueConstraint("user_id", "month", "category", "subcategory"),
        CheckConstraint("rollover IN ('none', 'carry_surplus', 'carry_all')", name="rollover"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The budget month as YYYY-MM: the period that starts on the person's start day in it.
    month: Mapped[str] = mapped_column(String(7))
    category: Mapped[str] = mapped_column(String(255))
    subcategory: Mapped[str] = mapped_column(String(255), default="")
    amount: Mapped[Decimal]
    rollover: Mapped[str] = mapped_column(String(16), default="none")


class BudgetSettings(Base):
    """A person's budget settings: the day their months start (payday) and income target."""

    __tablename__ = "budget_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    month_start_day: Mapped[int] = mapped_column(default=1)
    income_target: Mapped[Decimal | None]
