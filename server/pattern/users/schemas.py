from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field

from pattern.kit.schemas import RequestBody, ResponseBody


class UserCreate(RequestBody):
    username: str = Field(max_length=256)
    password: str = Field(max_length=1024)
    # The first account (the administrator) needs the setup code the server printed.
    setup_code: str | None = Field(default=None, max_length=64)
    # With SIGNUP=invite, the code of an administrator's invite link.
    invite_code: str | None = Field(default=None, max_length=128)


class PasswordChange(RequestBody):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class UserRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    is_admin: bool
    created_at: datetime
