from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import ConfigDict, Field

from pattern.kit.schemas import MoneyIn, RequestBody, ResponseBody

AssetKind = Literal["property", "vehicle", "other"]


class AssetWrite(RequestBody):
    description: str = Field(min_length=1, max_length=255)
    value: MoneyIn
    iso_currency_code: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    kind: AssetKind = "other"


class AssetRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    description: str
    value: Decimal
    iso_currency_code: str
    kind: AssetKind
    created_at: datetime
    updated_at: datetime
