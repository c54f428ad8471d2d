"""Resolve the server's secret keys: from settings, else generated once under data/."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pattern.kit.config import Settings


class MissingSecretError(RuntimeError):
    """Raised at start-up in production when a required secret is not configured."""


@dataclass(frozen=True)
class ServerSecrets:
    secret_key: str
    token_encryption_key: str

    @property
    def redis_namespace(self) -> str:
        """This deployment's prefix in a shared Redis: its processes share the secret key,
        another deployment on the same Redis database has its own (and learns nothing of
        the key from it)."""
        digest = hmac.new(self.secret_key.encode(), b"redis namespace", hashlib.sha256)
        return f"pattern:{digest.hexdigest()[:16]}"

    def derived_key(self, purpose: bytes) -> bytes:
        """A key of its own for `purpose`, from the secret key (it reveals nothing of it)."""
        return hmac.new(self.secret_key.encode(), purpose, hashlib.sha256).digest()

    @property
    def emulator_secret(self) -> str:
        """The Plaid secret of the emulator mounted in this server: it serves this server
        only, and no one learns the secret key from it."""
        digest = hmac.new(self.secret_key.encode(), b"plaid emulator secret", hashlib.sha256)
        return digest.hexdigest()


def _generate_fernet_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def read_or_create(path: Path, generate: str) -> str:
    """The file's text, or `generate` written to it (owner-only) when it does not exist."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: if two processes race, one writes and the other reads its value.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(generate)
    return generate


def load_secrets(settings: Settings) -> ServerSecrets:
    secret_key = settings.secret_key.get_secret_value()
    encryption_key = settings.token_encryption_key.get_secret_value()
    if settings.is_production:
        missing = [
            name
            for name, value in (
                ("SECRET_KEY", secret_key),
                ("TOKEN_ENCRYPTION_KEY", encryption_key),
            )
            if not value
        ]
        if missing:
            raise MissingSecretError(
                f"PLAID_ENV=production needs {' and '.join(missing)} set in the environment "
                "or .env; refusing to start with generated keys."
            )
    if not secret_key:
        secret_key = read_or_create(settings.data_dir / "secret_key", secrets.token_urlsafe(48))
    if not encryption_key:
        encryption_key = read_or_create(
            settings.data_dir / "token_encryption_key", _generate_fernet_key()
        )
    return ServerSecrets(secret_key=secret_key, token_encryption_key=encryption_key)
