"""Every setting of the server, read once from the environment and `.env`."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from limits import parse
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pattern.kit.hosts import AllowedHosts

# The repository root in a source checkout (server/pattern/config.py -> ../..).
REPO_ROOT = Path(__file__).resolve().parents[3]


# Who may sign up once the administrator exists (SIGNUP).
SignUpPolicy = Literal["invite", "open", "closed"]


class PlaidEnv(StrEnum):
    EMULATOR = "emulator"
    SANDBOX = "sandbox"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # Plaid
    plaid_client_id: str = ""
    plaid_secret_sandbox: SecretStr = SecretStr("")
    plaid_secret_production: SecretStr = SecretStr("")
    plaid_env: PlaidEnv = PlaidEnv.EMULATOR
    plaid_sandbox_redirect_uri: str = ""
    plaid_production_redirect_uri: str = ""
    # Where the SDK finds the emulator; empty means this server's own /plaid-emulator.
    plaid_emulator_url: str = ""
    plaid_max_concurrency: int = Field(default=8, ge=1, le=64)
    plaid_timeout_seconds: float = Field(default=30, gt=0)
    # Days of transaction history a new item asks Plaid for (its link token's
    # transactions.days_requested): fixed for the item's life at its first link; 730 is
    # Plaid's maximum, and Plaid's own default, when none is asked, is only 90.
    plaid_days_requested: int = Field(default=730, ge=1, le=730)
    # Item syncs running at once in this process (each uses up to three database connections).
    sync_concurrency: int = Field(default=4, ge=1, le=32)
    # Sync every item this often (minutes) besides webhooks; 0 turns it off.
    sync_interval_minutes: int = Field(default=360, ge=0)
    # Whether `python -m pattern` runs the recorded syncs itself; false when workers
    # (`python -m pattern worker`) run them all (docs/deployment.md).
    sync_in_server: bool = True
    # A failed sync is tried again after 30 s, 60 s, 120 s... (at most an hour apart); after
    # this many failures in a row its item's request is dead (the admin page lists it).
    sync_max_attempts: int = Field(default=8, ge=1, le=100)
    sync_retry_seconds: float = Field(default=30.0, gt=0)
    # How often a process looks for syncs that other processes recorded.
    sync_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    # ngrok's local API (e.g. http://ngrok:4040): its public URL receives the webhooks.
    ngrok_api_url: str = ""

    # Server
    port: int = Field(default=5001, ge=1, le=65535)
    # Address to listen on: loopback behind nginx; 0.0.0.0 in a container.
    host: str = "127.0.0.1"
    # Proxies whose X-Forwarded-For / -Proto are believed (nginx on this host by default).
    trusted_proxies: str = "127.0.0.1"
    public_url: str = ""
    # Host names served besides loopback and PUBLIC_URL's (comma-separated; * for any).
    allowed_hosts: str = ""
    data_dir: Path = Path("data")
    database_url: str = ""
    redis_url: str = ""
    client_dist_dir: Path = REPO_ROOT / "client" / "dist"
    migrations_dir: Path = REPO_ROOT / "database" / "migrations"
    # The people's time zone (IANA, e.g. America/New_York): what "today" and "this month"
    # are. Empty: the server's local time.
    timezone: str = ""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    max_body_bytes: int = Field(default=1_000_000, ge=1024)

    # Secrets: generated under data/ in development when missing.
    secret_key: SecretStr = SecretStr("")
    token_encryption_key: SecretStr = SecretStr("")

    # Sessions
    cookie_secure: bool | Literal["auto"] = "auto"
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_hours: int = Field(default=24, ge=1)
    allowed_origins: list[str] = []

    # Sign-up once the administrator exists: by an admin's invite links, open, or closed.
    signup: SignUpPolicy = "invite"
    # Sign-up attempts allowed (each costs a password hash), per client and in all.
    signup_rate_per_client: str = "5/hour"
    signup_rate: str = "30/hour"

    # Single sign-on with OpenID Connect (pattern.sso, docs/deployment.md): on when the
    # issuer (exactly as the provider writes it, trailing slash and all) and client id are
    # set. The button reads "Sign in with <OIDC_NAME>".
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: SecretStr = SecretStr("")
    oidc_name: str = Field(default="single sign-on", min_length=1, max_length=40)
    oidc_scopes: str = "openid profile email"
    # The ID token's claim an account's username is matched with, on its first SSO log-in;
    # later ones follow the provider's subject (sub). "email" needs email_verified.
    oidc_claim: str = Field(default="preferred_username", pattern=r"^[A-Za-z0-9_.:-]{1,64}$")
    # Whether an SSO log-in with no matching account makes one (never with SIGNUP=closed,
    # never an administrator).
    oidc_auto_create: bool = False
    # Whether people may log in with a password (POST /api/sessions); false leaves SSO only.
    password_login: bool = True

    # Requests each personal API token may make (429 with Retry-After beyond).
    api_token_rate: str = "600/minute"

    # Login slow-down
    login_max_failures_per_user: int = Field(default=5, ge=1)
    login_max_failures_per_client: int = Field(default=20, ge=1)
    login_failure_window_seconds: int = Field(default=900, ge=1)
    login_lockout_max_seconds: int = Field(default=900, ge=1)

    # Audit log: events older than this many days are removed (pattern.audit.tasks).
    audit_retention_days: int = Field(default=365, ge=1, le=36500)

    # CSV export
    # Exports one person may run at a time in each server process (429 beyond).
    export_max_per_user: int = Field(default=2, ge=1)

    # --- Plaid emulator mounted at /plaid-emulator (PLAID_ENV=emulator) ---
    # Its test controls (fault injection, reset, mutations) under /plaid-emulator/emulator/
    # need this in the X-Emulator-Admin-Secret header; empty: they do not exist.
    plaid_emulator_admin_secret: SecretStr = SecretStr("")
    # The most transactions a user_bulk_<N> item may have (its history costs CPU to make).
    plaid_emulator_max_history: int = Field(default=25_000, ge=1)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {value!r} (e.g. America/New_York)") from None
        return value

    @field_validator("signup_rate_per_client", "signup_rate", "api_token_rate")
    @classmethod
    def _known_rate(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a rate such as 5/hour or 30/day") from None
        return value

    @field_validator("public_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @property
    def sso_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'pattern.db').resolve()}"

    @property
    def emulator_state_file(self) -> Path:
        return self.data_dir / "plaid-emulator.json"

    @property
    def is_production(self) -> bool:
        return self.plaid_env is PlaidEnv.PRODUCTION

    @property
    def secure_cookies(self) -> bool:
        """Secure cookies when told so, or by default when the public URL is HTTPS."""
        if self.cookie_secure == "auto":
            return self.public_url.startswith("https://")
        return bool(self.cookie_secure)

    @property
    def host_policy(self) -> AllowedHosts:
        return AllowedHosts.of(self.allowed_hosts, self.public_url)

    @property
    def trusted_origins(self) -> set[str]:
        """Origins besides the server's own host that may send state-changing requests."""
        origins = {origin.rstrip("/") for origin in self.allowed_origins}
        if self.public_url:
            parts = urlsplit(self.public_url)
            origins.add(f"{parts.scheme}://{parts.netloc}")
        return origins
