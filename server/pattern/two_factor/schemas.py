from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field

from pattern.kit.schemas import RequestBody, ResponseBody

SecondFactor = Literal["totp", "recovery_code", "passkey"]


class PasskeyRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


class TwoFactorRead(ResponseBody):
    totp_enabled: bool = Field(description="an authenticator app is set up and confirmed")
    recovery_codes_left: int = Field(description="unused recovery codes")
    passkeys: list[PasskeyRead]
    required: bool = Field(description="this server requires a second factor of everyone")
    setup_required: bool = Field(
        description="required here and not set up yet: nothing else works until it is"
    )


class PasswordBody(RequestBody):
    password: str = Field(max_length=1024)


class TotpSetup(ResponseBody):
    """Shown once, while setting up: never again after confirming."""

    secret: str = Field(description="to type into an authenticator app (base32)")
    otpauth_uri: str
    qr_svg: str = Field(description="the otpauth URI as a QR code, an SVG document")


class CodeBody(RequestBody):
    code: str = Field(max_length=32)


class PasswordAndCode(RequestBody):
    password: str = Field(max_length=1024)
    code: str = Field(max_length=32, description="a current code of the authenticator app")


class PasskeyAdded(PasskeyRead):
    """A new passkey; when it is the person's first second factor, its recovery codes too,
    shown this once (null when they had some already)."""

    recovery_codes: list[str] | None = None


class RecoveryCodes(ResponseBody):
    """Shown once: only their hashes are kept."""

    recovery_codes: list[str]


class SecondFactorNeeded(ResponseBody):
    """The password was right; the log-in completes with a second factor
    (POST /api/sessions/two-factor or /api/sessions/passkey)."""

    second_factor_required: Literal[True] = True
    methods: list[SecondFactor]


class SecondFactorBody(RequestBody):
    """One of the two."""

    code: str | None = Field(default=None, max_length=32)
    recovery_code: str | None = Field(default=None, max_length=64)


class PolicyRead(ResponseBody):
    require_two_factor: bool


class PolicyUpdate(RequestBody):
    require_two_factor: bool


class PasskeyOptions(ResponseBody):
    """WebAuthn options for navigator.credentials (as @simplewebauthn/browser takes them)."""

    options: dict[str, Any]


class PasskeyRegistration(RequestBody):
    name: str = Field(min_length=1, max_length=64)
    credential: dict[str, Any]


class PasskeyAssertion(RequestBody):
    credential: dict[str, Any]
