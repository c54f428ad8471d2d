from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from pattern.kit.schemas import MoneyIn, RequestBody, ResponseBody

Rollover = Literal["none", "carry_surplus", "carry_all"]
Amount = Annotated[MoneyIn, Field(ge=0)]
CategoryName = Annotated[str, Field(min_length=1, max_length=255)]


class BudgetSettingsWrite(RequestBody):
    month_start_day: int = Field(
        ge=1, le=28, description="the day budget months start on (payday), 1 to 28"
    )
    income_target: Amount | None = Field(default=None, description="income hoped for a month")


class BudgetSettingsRead(ResponseBody):
    month_start_day: int
    income_target: Decimal | None


class BudgetLineWrite(RequestBody):
    category: CategoryName = Field(description="the category group, e.g. FOOD_AND_DRINK")
    subcategory: Annotated[str, Field(max_length=255)] | None = Field(
        default=None,
        description="one category of the group (FOOD_AND_DRINK_GROCERIES); null: the group",
    )
    amount: Amount | None = Field(description="null removes the line")
    rollover: Rollover = "none"

    @field_validator("category", "subcategory")
    @classmethod
    def _trimmed(cls, value: str | None) -> str | None:
        if value is not None and value != value.strip():
            raise ValueError("must not start or end with spaces")
        return value or None


class BudgetLinesWrite(RequestBody):
    lines: list[BudgetLineWrite] = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _once_each(self) -> BudgetLinesWrite:
        keys = [(line.category, line.subcategory) for line in self.lines]
        if len(set(keys)) != len(keys):
            raise ValueError("each category may appear once")
        return self


class Figures(ResponseBody):
    budgeted: Decimal
    carried_in: Decimal = Field(description="left over from last month by the rollover")
    available: Decimal = Field(description="budgeted + carried_in")
    spent: Decimal
    left: Decimal = Field(description="available - spent; negative when overspent")
    pace_spent: Decimal = Field(description="what an even pace would have spent by today")
    pace: Literal["under", "over"] = Field(description="over: spending faster than the month")


class BudgetCategoryRead(Figures):
    subcategory: str | None
    has_line: bool
    rollover: Rollover | None


class BudgetGroupRead(Figures):
    category: str | None
    has_line: bool = Field(description="the group has a line of its own")
    rollover: Rollover | None
    categories: list[BudgetCategoryRead]


class BudgetRead(ResponseBody):
    month: str = Field(description="YYYY-MM: the budget month starting in it")
    current_month: str = Field(description="the budget month today is in")
    start_date: date
    end_date: date
    days_gone: int
    days: int
    month_start_day: int
    currency: str
    currencies: list[str]
    income: Decimal
    income_target: Decimal | None
    totals: Figures
    groups: list[BudgetGroupRead]
