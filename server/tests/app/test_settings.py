"""Settings defaults, generated development keys, production's refusal to start without keys."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pattern.kit.config import REPO_ROOT, PlaidEnv, Settings
from pattern.kit.keys import MissingSecretError, load_secrets


def test_defaults_need_no_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "PLAID_ENV", "PORT", "DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.plaid_env is PlaidEnv.EMULATOR
    assert settings.port == 5001
    assert settings.resolved_database_url == f"sqlite+aiosqlite:///{tmp_path / 'data/pattern.db'}"


def test_a_postgres_url_is_used_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u@db:5432/pattern")
    assert (
        Settings(_env_file=None).resolved_database_url == "postgresql+asyncpg://u@db:5432/pattern"
    )


def test_development_keys_are_generated_once_and_kept(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)
    first = load_secrets(settings)
    second = load_secrets(settings)
    assert first == second
    assert len(first.secret_key) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "token_encryption_key").read_text() == first.token_encryption_key


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({}, "SECRET_KEY and TOKEN_ENCRYPTION_KEY"),
        ({"secret_key": "s" * 40}, "TOKEN_ENCRYPTION_KEY"),
        ({"token_encryption_key": "k" * 44}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_its_keys(
    tmp_path: Path, given: dict[str, Any], missing: str
) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, plaid_env="production", **given)
    with pytest.raises(MissingSecretError, match=f"needs {missing} set"):
        load_secrets(settings)
    assert not (tmp_path / "secret_key").exists()


def test_the_server_command_exits_naming_the_missing_key(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "TOKEN_ENCRYPTION_KEY"}
    }
    env.update(PLAID_ENV="production", DATA_DIR=str(tmp_path), SECRET_KEY="s" * 40)
    result = subprocess.run(
        [sys.executable, "-m", "pattern"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "TOKEN_ENCRYPTION_KEY" in result.stderr


def test_env_template_documents_every_setting_and_loads_as_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = REPO_ROOT / ".env.template"
    text = template.read_text()
    for name in Settings.model_fields:
        assert re.search(rf"^#? ?{name.upper()}=", text, re.M), f"{name.upper()} not in template"
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)
    shutil.copy(template, tmp_path / ".env")
    assert Settings() == Settings(_env_file=None)


def test_an_unknown_time_zone_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        Settings(_env_file=None, timezone="Mars/Olympus")
    assert Settings(_env_file=None, timezone="America/New_York").timezone == "America/New_York"


def test_history_length_is_plaids_maximum_and_bounded_as_plaid_bounds_it() -> None:
    assert Settings(_env_file=None).plaid_days_requested == 730
    for days in (0, 731):
        with pytest.raises(ValueError, match="plaid_days_requested"):
            Settings(_env_file=None, plaid_days_requested=days)
