from __future__ import annotations

from datetime import datetime
from typing import Literal

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
    last_login_at: datetime | None = Field(description="the latest successful log-in")
    disabled_at: datetime | None = Field(
        description="when an administrator disabled the account (null: it is active)"
    )


Theme = Literal["system", "light", "dark"]


class UserDeletion(RequestBody):
    # Deleting your own account needs your current password (not an administrator's
    # deletion of someone else).
    password: str | None = Field(default=None, max_length=1024)


class PreferencesRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    theme: Theme = Field(description="the web app's colour scheme: system, light or dark")
    time_zone: str | None = Field(
        description="IANA name, e.g. Europe/Paris; null: the server's (the browser's in the app)"
    )
    currency: str | None = Field(
        description="ISO 4217 code money with none of its own is shown in; null: the default"
    )


class PreferencesUpdate(RequestBody):
    """Only the fields sent change; null clears the time zone or the currency."""

    theme: Theme | None = None
    time_zone: str | None = Field(default=None, max_length=64)
    currency: str | None = Field(default=None, max_length=3)
