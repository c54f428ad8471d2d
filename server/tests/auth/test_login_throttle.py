"""The login slow-down shared through Redis by a deployment's processes."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Callable

import pytest
import redis.asyncio as redis

from pattern.auth.throttle import ThrottleLimits
from pattern.auth.throttle_redis import RedisLoginThrottle
from plaid_emulator.testing import free_port
from tests.support.redis_server import REDIS_URL, require_redis

LIMITS = ThrottleLimits(per_user=3, per_client=100, window_seconds=60, max_lockout_seconds=30)

Processes = Callable[..., RedisLoginThrottle]


@pytest.fixture
async def processes() -> AsyncIterator[Processes]:
    """Throttles as the processes of one deployment build them (one namespace per test)."""
    require_redis()
    namespace = f"pattern-test:{uuid.uuid4().hex}"
    built: list[RedisLoginThrottle] = []

    def process(
        url: str = REDIS_URL, other_deployment: bool = False, limits: ThrottleLimits = LIMITS
    ) -> RedisLoginThrottle:
        suffix = "-b" if other_deployment else ""
        throttle = RedisLoginThrottle(limits, url, namespace + suffix)
        built.append(throttle)
        return throttle

    yield process
    cleanup = redis.Redis.from_url(REDIS_URL)
    keys = [key async for key in cleanup.scan_iter(f"{namespace}*")]
    if keys:
        await cleanup.delete(*keys)
    await cleanup.aclose()
    for throttle in built:
        await throttle.close()


async def test_guesses_spread_over_processes_are_counted_together(processes: Processes) -> None:
    first, second = processes(), processes()
    await first.record_failure("Alice", "192.0.2.1")
    await second.record_failure("alice", "192.0.2.2")
    assert await first.retry_after("alice", "192.0.2.3") == 0
    await first.record_failure("ALICE", "192.0.2.3")  # the third: one second's wait
    assert await second.retry_after("alice", "192.0.2.4") == 1
    await second.record_failure("alice", "192.0.2.4")  # each one more doubles it
    assert await first.retry_after("alice", "192.0.2.5") == 2
    assert await first.retry_after("bob", "192.0.2.5") == 0


async def test_one_client_is_counted_across_processes(processes: Processes) -> None:
    per_client = ThrottleLimits(
        per_user=100, per_client=2, window_seconds=60, max_lockout_seconds=30
    )
    first, second = processes(limits=per_client), processes(limits=per_client)
    await first.record_failure("user1", "198.51.100.7")
    await second.record_failure("user2", "198.51.100.7")
    assert await first.retry_after("user3", "198.51.100.7") == 1
    assert await first.retry_after("user3", "198.51.100.8") == 0


async def test_a_success_forgets_the_username_everywhere(processes: Processes) -> None:
    first, second = processes(), processes()
    for _ in range(3):
        await first.record_failure("alice", "192.0.2.1")
    assert await second.retry_after("alice", "192.0.2.9") == 1
    await second.record_success("alice")
    assert await first.retry_after("alice", "192.0.2.9") == 0


async def test_the_wait_is_capped_and_every_key_expires(processes: Processes) -> None:
    throttle = processes()
    for _ in range(12):  # 2**9 seconds, past the 30-second cap
        await throttle.record_failure("alice", "192.0.2.1")
    assert await throttle.retry_after("alice", "192.0.2.1") == 30
    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = [key async for key in client.scan_iter(f"{throttle._prefix}*")]
        assert len(keys) == 3  # the username's failures and lock, the client's failures
        for key in keys:
            assert 0 < await client.pttl(key) <= 60_000
    finally:
        await client.aclose()


async def test_another_deployment_on_the_same_redis_counts_apart(processes: Processes) -> None:
    ours, theirs = processes(), processes(other_deployment=True)
    for _ in range(3):
        await theirs.record_failure("alice", "192.0.2.1")
    assert await theirs.retry_after("alice", "192.0.2.1") == 1
    assert await ours.retry_after("alice", "192.0.2.1") == 0


async def test_without_redis_each_process_counts_on_its_own(
    processes: Processes, caplog: pytest.LogCaptureFixture
) -> None:
    throttle = processes(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="pattern.auth.throttle_redis"):
        for _ in range(3):
            await throttle.record_failure("alice", "192.0.2.1")
        assert await throttle.retry_after("alice", "192.0.2.1") == 1
    assert "Redis did not answer" in caplog.text
