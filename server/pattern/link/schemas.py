from __future__ import annotations

from typing import Literal

from pydantic import Field

from pattern.kit.schemas import RequestBody, ResponseBody


class LinkTokenCreate(RequestBody):
    item_id: int | None = None


class LinkTokenRead(ResponseBody):
    link_token: str
    expiration: str | None = None


class LinkEventCreate(RequestBody):
    type: Literal["success", "exit"]
    link_session_id: str | None = Field(default=None, max_length=255)
    request_id: str | None = Field(default=None, max_length=255)
    error_type: str | None = Field(default=None, max_length=64)
    error_code: str | None = Field(default=None, max_length=64)
    status: str | None = Field(default=None, max_length=64)
