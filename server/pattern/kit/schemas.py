"""The API contract's base parts: request and response bodies, money amounts, the error body."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Money in a request: exact cents, always with two decimals, under a trillion (more is a
# slip of the keyboard, not a person's house or budget; NUMERIC(18, 2) would take it).
MoneyIn = Annotated[
    Decimal,
    Field(max_digits=14, decimal_places=2, allow_inf_nan=False),
    AfterValidator(lambda value: value.quantize(Decimal("0.01"))),
]

# The largest id a row can have: the tables' keys are 32-bit integers on PostgreSQL. A
# bigger one names nothing, and the driver would refuse to send it (an overflow, a 500).
MAX_ID = 2**31 - 1
# A row's id in a request body.
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


class RequestBody(BaseModel):
    """A request body: its keys are the field names, snake_case as in every response
    (docs/adr/0010-one-api-contract.md). Any other key, a camelCase one included, is refused."""

    model_config = ConfigDict(extra="forbid")


class ResponseBody(BaseModel):
    """An answer's body: every field is always sent, so the OpenAPI schema (and the client's
    types generated from it) mark fields with a default as present too."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)


class ErrorDetail(ResponseBody):
    code: str = Field(description="stable, for programs: not_found, invalid_input...")
    message: str = Field(description="for people; a 422 names the field")


class ErrorBody(ResponseBody):
    """Every error the API answers (pattern.app.error_handlers)."""

    error: ErrorDetail
