"""Shared request schema parts: snake_case bodies that refuse unknown keys, money amounts."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Money in a request: exact cents that fit NUMERIC(18, 2), always with two decimals.
MoneyIn = Annotated[
    Decimal,
    Field(max_digits=18, decimal_places=2, allow_inf_nan=False),
    AfterValidator(lambda value: value.quantize(Decimal("0.01"))),
]


class RequestBody(BaseModel):
    """A request body: its keys are the field names, snake_case as in every response
    (docs/adr/0010-one-api-contract.md). Any other key, a camelCase one included, is refused."""

    model_config = ConfigDict(extra="forbid")
