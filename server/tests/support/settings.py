"""Settings for an app under test: its own database and data folder, fixed test keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from pattern.kit.config import Settings
from tests.support.databases import MIGRATIONS_DIR


def make_settings(database_url: str, data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "data_dir": data_dir,
        "migrations_dir": MIGRATIONS_DIR,
        "secret_key": "test-secret-key-" + "x" * 32,
        "token_encryption_key": Fernet.generate_key().decode(),
        "client_dist_dir": data_dir / "no-client",
        "plaid_env": "emulator",
        "public_url": "",
        "redis_url": "",
        "cookie_secure": False,
        # httpx's ASGI transport addresses the app as http://testserver.
        "allowed_hosts": "testserver",
        # Most tests sign several people up; the sign-up tests set their own policy.
        "signup": "open",
        "signup_rate_per_client": "1000/minute",
        "signup_rate": "1000/minute",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)
