"""Shared request schema parts: camelCase or snake_case bodies, money amounts."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

# Money in a request: exact cents that fit NUMERIC(18, 2), always with two decimals.
MoneyIn = Annotated[
    Decimal,
    Field(max_digits=18, decimal_places=2, allow_inf_nan=False),
    AfterValidator(lambda value: value.quantize(Decimal("0.01"))),
]


class RequestBody(BaseModel):
    """Request bodies accept camelCase (as the seed's client sends) and snake_case alike."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")
