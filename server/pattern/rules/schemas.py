from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field, model_validator

from pattern.kit.schemas import RequestBody, ResponseBody


class RuleWrite(RequestBody):
    """Match on name (contains), category, subcategory; set a new name, category, subcategory."""

    match_name: str | None = Field(default=None, max_length=255)
    match_category: str | None = Field(default=None, max_length=255)
    match_subcategory: str | None = Field(default=None, max_length=255)
    set_name: str | None = Field(default=None, max_length=512)
    set_category: str | None = Field(default=None, max_length=255)
    set_subcategory: str | None = Field(default=None, max_length=255)
    position: int | None = Field(default=None, ge=0, le=1_000_000)

    @model_validator(mode="after")
    def _matches_and_sets_something(self) -> RuleWrite:
        if not any(
            v and v.strip() for v in (self.match_name, self.match_category, self.match_subcategory)
        ):
            raise ValueError(
                "A rule needs something to match: a name, a category or a subcategory."
            )
        if not any(
            v and v.strip() for v in (self.set_name, self.set_category, self.set_subcategory)
        ):
            raise ValueError("A rule needs something to set: a name, a category or a subcategory.")
        return self


class RuleOrder(RequestBody):
    rule_ids: list[int] = Field(max_length=10_000)


class RuleRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    position: int
    match_name: str | None
    match_category: str | None
    match_subcategory: str | None
    set_name: str | None
    set_category: str | None
    set_subcategory: str | None
    created_at: datetime
    updated_at: datetime


class RulesApplied(ResponseBody):
    changed: int
