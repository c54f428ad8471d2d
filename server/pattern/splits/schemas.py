from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from pattern.kit.schemas import MoneyIn, RequestBody
from pattern.models.transactions import MAX_TAGS
from pattern.transactions.schemas import Tag

MAX_PARTS = 50


def _not_zero(amount: object) -> object:
    if amount == 0:
        raise ValueError("a part cannot be 0.00")
    return amount


class SplitPart(RequestBody):
    """One part: its amount in Plaid's sign, as the transaction's (positive is money out)."""

    amount: Annotated[MoneyIn, AfterValidator(_not_zero)]
    category: str | None = Field(default=None, max_length=255)
    subcategory: str | None = Field(default=None, max_length=255)
    note: str | None = Field(default=None, max_length=2000, description="empty or null: none")
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)

    @field_validator("note", "category", "subcategory")
    @classmethod
    def _text_or_none(cls, value: str | None) -> str | None:
        return (value or "").strip() or None


class SplitUpdate(RequestBody):
    """The whole set of parts, replacing any before: at least two, summing to the
    transaction's amount."""

    parts: list[SplitPart] = Field(min_length=2, max_length=MAX_PARTS)
