from __future__ import annotations

from pydantic import Field

from pattern.kit.schemas import RequestBody


class LoginRequest(RequestBody):
    username: str = Field(max_length=256)
    password: str = Field(max_length=1024)
