from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import ConfigDict, Field, model_validator

from pattern.kit.schemas import MoneyIn, RequestBody, ResponseBody, RowId

AMOUNTS = "in Plaid's sign: money out positive, money in negative; both ends included"


class RuleWrite(RequestBody):
    """Match on name (contains), merchant, category, subcategory (equal, whatever the case),
    an amount range and accounts; set a new name, category, subcategory."""

    match_name: str | None = Field(default=None, max_length=255)
    match_merchant: str | None = Field(
        default=None, max_length=255, description="Plaid's merchant name, equal"
    )
    match_category: str | None = Field(default=None, max_length=255)
    match_subcategory: str | None = Field(default=None, max_length=255)
    min_amount: MoneyIn | None = Field(default=None, description=f"the least amount, {AMOUNTS}")
    max_amount: MoneyIn | None = Field(default=None, description=f"the most amount, {AMOUNTS}")
    match_account_ids: list[RowId] | None = Field(
        default=None, max_length=100, description="your accounts' ids: one of them matches"
    )
    set_name: str | None = Field(default=None, max_length=512)
    set_category: str | None = Field(default=None, max_length=255)
    set_subcategory: str | None = Field(default=None, max_length=255)
    position: int | None = Field(default=None, ge=0, le=1_000_000)

    @model_validator(mode="after")
    def _matches_and_sets_something(self) -> RuleWrite:
        texts = (self.match_name, self.match_merchant, self.match_category, self.match_subcategory)
        if not (
            any(v and v.strip() for v in texts)
            or self.min_amount is not None
            or self.max_amount is not None
            or self.match_account_ids
        ):
            raise ValueError(
                "A rule needs something to match: a name, a merchant, a category, a "
                "subcategory, an amount or an account."
            )
        if not any(
            v and v.strip() for v in (self.set_name, self.set_category, self.set_subcategory)
        ):
            raise ValueError("A rule needs something to set: a name, a category or a subcategory.")
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.min_amount > self.max_amount
        ):
            raise ValueError("The least amount is more than the most amount.")
        return self


class RuleOrder(RequestBody):
    rule_ids: list[int] = Field(max_length=10_000)


class RuleRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    position: int
    match_name: str | None
    match_merchant: str | None
    match_category: str | None
    match_subcategory: str | None
    min_amount: Decimal | None
    max_amount: Decimal | None
    match_account_ids: list[int] | None
    set_name: str | None
    set_category: str | None
    set_subcategory: str | None
    created_at: datetime
    updated_at: datetime


class RuleListed(RuleRead):
    match_count: int = Field(
        description="how many of your transactions it matches now, on the bank's values "
        "(whichever rule comes first)"
    )


class RuleCreated(RuleRead):
    changed: int | None = Field(
        description="how many existing transactions applying the rules changed; null when "
        "not asked to apply"
    )


class RulesApplied(ResponseBody):
    changed: int


class PreviewSample(ResponseBody):
    id: int
    date: date
    name: str
    amount: Decimal
    iso_currency_code: str | None
    category: str | None
    new_name: str
    new_category: str | None


class RulePreview(ResponseBody):
    changed: int = Field(
        description="how many existing unedited transactions applying the rules, this one "
        "added, would change"
    )
    samples: list[PreviewSample] = Field(description="the newest few of them")
