from __future__ import annotations

from pydantic import Field

from pattern.kit.config import PlaidEnv, SignUpPolicy
from pattern.kit.schemas import ResponseBody


class ClientConfig(ResponseBody):
    plaid_env: PlaidEnv
    emulator_url: str | None = Field(description="the emulator's address, in emulator mode")
    setup_required: bool = Field(description="no administrator yet: sign-up needs the setup code")
    sign_up: SignUpPolicy


class Readiness(ResponseBody):
    ready: bool
    database: bool
    migrations_current: bool
