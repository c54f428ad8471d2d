"""An API token's rate shared through Redis by a deployment's processes."""

from __future__ import annotations

import logging
import uuid

import pytest

from pattern.api_tokens.limits import TokenRateLimits
from plaid_emulator.testing import free_port
from tests.support.redis_server import REDIS_URL, require_redis

pytestmark = pytest.mark.reliability


async def test_processes_sharing_redis_count_a_token_together() -> None:
    require_redis()
    namespace = f"test-{uuid.uuid4().hex}"
    first = TokenRateLimits("3/minute", redis_url=REDIS_URL, namespace=namespace)
    second = TokenRateLimits("3/minute", redis_url=REDIS_URL, namespace=namespace)
    try:
        waits = [await process.retry_after(7) for process in (first, second, first)]
        assert waits == [0, 0, 0]
        assert 1 <= await second.retry_after(7) <= 60  # the fourth, in whichever process
        assert await first.retry_after(8) == 0  # another token counts apart
    finally:
        await first.close()
        await second.close()


async def test_without_redis_each_process_counts_on_its_own(
    caplog: pytest.LogCaptureFixture,
) -> None:
    limits = TokenRateLimits("2/minute", redis_url=f"redis://127.0.0.1:{free_port()}/0")
    try:
        with caplog.at_level(logging.WARNING, logger="pattern.api_tokens.limits"):
            waits = [await limits.retry_after(7) for _ in range(3)]
        assert waits[:2] == [0, 0]
        assert waits[2] >= 1  # still limited, here
        assert "Redis did not answer" in caplog.text
    finally:
        await limits.close()
