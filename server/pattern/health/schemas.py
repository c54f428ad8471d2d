from __future__ import annotations

from pydantic import Field

from pattern.kit.config import PlaidEnv, SignUpPolicy
from pattern.kit.schemas import ResponseBody


class ClientConfig(ResponseBody):
    plaid_env: PlaidEnv
    emulator_url: str | None = Field(description="the emulator's address, in emulator mode")
    setup_required: bool = Field(description="no administrator yet: sign-up needs the setup code")
    sign_up: SignUpPolicy
    sso_enabled: bool = Field(description="single sign-on with an OpenID provider is set up")
    sso_name: str | None = Field(description='the provider\'s name: "Sign in with <sso_name>"')
    password_login: bool = Field(description="whether people may log in with a password")


class Readiness(ResponseBody):
    ready: bool
    database: bool
    migrations_current: bool
