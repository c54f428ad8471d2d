from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pattern.kit.config import Settings
from tests.support.openid_provider import OpenIdTestProvider, running_provider, sso_settings
from tests.support.settings import make_settings


@pytest.fixture
def provider() -> Iterator[OpenIdTestProvider]:
    with running_provider() as running:
        yield running


@pytest.fixture
def settings(
    database_url: str,
    tmp_path: Path,
    provider: OpenIdTestProvider,
    settings_overrides: dict[str, Any],
) -> Settings:
    """The app with single sign-on at the test's provider."""
    return make_settings(
        database_url, tmp_path / "data", **sso_settings(provider, **settings_overrides)
    )
