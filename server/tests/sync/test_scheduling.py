"""The scheduler alone: passes are stand-ins that wait until the test lets them finish."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from pattern.sync.results import PageCounts, SyncResult
from pattern.sync.scheduling import SHUTTING_DOWN, Scheduler


class Passes:
    """Stand-in passes: each waits for `release`, then adds one transaction."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.running = 0
        self.most_at_once = 0
        self.release = asyncio.Event()

    async def run(self, item_id: int) -> SyncResult:
        self.started.append(item_id)
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await self.release.wait()
        finally:
            self.running -= 1
        return SyncResult(item_id, PageCounts(added=1))


async def until(condition: Callable[[], bool], seconds: float = 2.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():
            await asyncio.sleep(0)


async def test_requests_during_a_pass_coalesce_into_one_more() -> None:
    passes = Passes()
    scheduler = Scheduler(passes.run, concurrency=4)
    first = scheduler.request(1)
    await until(lambda: passes.started == [1])
    more = [scheduler.request(1) for _ in range(19)]
    assert all(task is first for task in more)
    passes.release.set()
    result = await first
    assert passes.started == [1, 1]
    assert result.counts.added == 2  # both passes' counts


async def test_requests_while_waiting_for_a_slot_are_served_by_the_pass_that_starts() -> None:
    passes = Passes()
    scheduler = Scheduler(passes.run, concurrency=1)
    busy = scheduler.request(1)
    await until(lambda: passes.started == [1])
    queued = [scheduler.request(2) for _ in range(10)]
    passes.release.set()
    await asyncio.gather(busy, *queued)
    assert passes.started == [1, 2]


async def test_no_more_passes_run_at_once_than_there_are_slots() -> None:
    passes = Passes()
    scheduler = Scheduler(passes.run, concurrency=2)
    tasks = [scheduler.request(item_id) for item_id in range(1, 6)]
    await until(lambda: len(passes.started) == 2)
    await asyncio.sleep(0.05)
    assert len(passes.started) == 2
    passes.release.set()
    await asyncio.gather(*tasks)
    assert sorted(passes.started) == [1, 2, 3, 4, 5]
    assert passes.most_at_once == 2


async def test_wait_idle_returns_when_the_last_pass_ends() -> None:
    passes = Passes()
    scheduler = Scheduler(passes.run, concurrency=4)
    assert not scheduler.busy
    await asyncio.wait_for(scheduler.wait_idle(), 1)  # nothing to wait for
    first, second = scheduler.request(1), scheduler.request(2)
    assert scheduler.busy
    waiting = asyncio.ensure_future(scheduler.wait_idle())
    await asyncio.sleep(0.05)
    assert not waiting.done()
    passes.release.set()
    await asyncio.wait_for(waiting, 1)
    assert first.done()
    assert second.done()
    assert not scheduler.busy


async def test_idle_waits_for_the_pass_a_request_added() -> None:
    passes = Passes()
    scheduler = Scheduler(passes.run, concurrency=4)
    worker = scheduler.request(1)
    await until(lambda: passes.started == [1])
    scheduler.request(1)  # one more pass after this one
    waiting = asyncio.ensure_future(scheduler.wait_idle())
    passes.release.set()
    await asyncio.wait_for(waiting, 1)
    assert worker.done()
    assert passes.started == [1, 1]


async def test_a_request_after_a_worker_ended_starts_a_new_one() -> None:
    passes = Passes()
    passes.release.set()
    scheduler = Scheduler(passes.run, concurrency=4)
    first = await scheduler.request(1)
    second_task = scheduler.request(1)
    assert scheduler.busy
    second = await second_task
    await scheduler.wait_idle()
    assert (first.counts.added, second.counts.added) == (1, 1)


async def test_closing_finishes_running_passes_and_refuses_new_ones() -> None:
    passes = Passes()
    scheduler = Scheduler(passes.run, concurrency=4)
    running = scheduler.request(1)
    await until(lambda: passes.started == [1])
    closing = asyncio.ensure_future(scheduler.close(grace_seconds=5))
    await asyncio.sleep(0)
    assert scheduler.stopping
    refused = await scheduler.request(2)
    assert refused.error_code == SHUTTING_DOWN
    passes.release.set()
    await closing
    assert (await running).ok
    assert passes.started == [1]
    assert not scheduler.busy


async def test_closing_cancels_a_pass_that_outlasts_the_grace() -> None:
    passes = Passes()  # never released
    scheduler = Scheduler(passes.run, concurrency=4)
    running = scheduler.request(1)
    await until(lambda: passes.started == [1])
    await scheduler.close(grace_seconds=0.05)
    assert running.cancelled()
    assert passes.running == 0
    await asyncio.wait_for(scheduler.wait_idle(), 1)


async def test_the_result_is_the_last_passs_outcome() -> None:
    outcomes = iter(["SYNC_FAILED", None])
    started = asyncio.Event()

    async def run(item_id: int) -> SyncResult:
        started.set()
        await asyncio.sleep(0.05)
        return SyncResult(item_id, PageCounts(added=1), error_code=next(outcomes))

    scheduler = Scheduler(run, concurrency=1)
    first = scheduler.request(7)
    await started.wait()
    scheduler.request(7)
    result = await first
    assert result.ok
    assert result.counts.added == 2


@pytest.mark.parametrize("concurrency", [1, 3])
async def test_every_item_gets_its_pass(concurrency: int) -> None:
    passes = Passes()
    passes.release.set()
    scheduler = Scheduler(passes.run, concurrency=concurrency)
    results = await asyncio.gather(*(scheduler.request(item_id) for item_id in range(10)))
    assert [result.item_id for result in results] == list(range(10))
    assert sorted(passes.started) == list(range(10))
