"""A person's categories: their own, and what they changed of Plaid's."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base

# How long a category's or group's name may be, as a person types it.
MAX_NAME = 99


class Category(Base):
    """One category (or, with `is_group`, one group of categories) as a person set it.

    A transaction keeps naming its category by `code`: Plaid's code for Plaid's
    (FOOD_AND_DRINK_GROCERIES) and the name first given for a person's own, so renaming
    is a new `label` and nothing else changes. Plaid's categories need no row until the
    person changes one; a row for them holds only the change. `group_code` is the group a
    category is in (Plaid's primary unless moved). A category merged into another keeps
    its row with `merged_into`, so what Plaid files under it later lands in the other
    (pattern.categories.placement)."""

    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("user_id", "is_group", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    is_group: Mapped[bool] = mapped_column(default=False)
    code: Mapped[str] = mapped_column(String(255))
    own: Mapped[bool] = mapped_column(default=False)
    group_code: Mapped[str | None] = mapped_column(String(255))
    label: Mapped[str | None] = mapped_column(String(MAX_NAME))
    color: Mapped[str | None] = mapped_column(String(7))  # "#RRGGBB"
    hidden: Mapped[bool] = mapped_column(default=False)
    merged_into: Mapped[str | None] = mapped_column(String(255))
