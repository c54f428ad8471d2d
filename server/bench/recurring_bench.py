"""`make bench`: recurring streams found in a large generated history, against the truth.

Links a `user_bulk_<N>` item (two years), syncs it into SQLite, and finds its recurring
streams from the stored transactions as a refresh of the stored streams does (the item
taken as one without Plaid's Recurring Transactions, so that detection covers it); compares
them with the streams the emulator planned (`/emulator/items/truth`). Prints precision and
recall, and how long the detection takes (what a sync pass or a background refresh spends;
reads answer from the stored streams).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, update

from bench.sync_bench import migrate
from bench.sync_one import bulk_user, sync
from pattern.models import Item, Transaction, User
from pattern.recurring import service, store
from plaid_emulator.testing import emulator_process
from tests.support.recurring_truth import Score, score

RUNS = 7


async def found_streams(database_url: str, emulator_url: str, size: int) -> dict[str, Any]:
    async with bulk_user(database_url, emulator_url, size) as bulk:
        await sync(bulk)
        async with bulk.parts.sessionmaker() as session:
            await session.execute(update(Item).values(recurring_from_plaid=False))
            await session.commit()
        times = []
        for _ in range(RUNS):
            async with bulk.parts.sessionmaker() as session:
                started = time.perf_counter()
                await store.refresh(session, bulk.user_id, date.today(), force=True)
                times.append(time.perf_counter() - started)
                await session.commit()
        async with bulk.parts.sessionmaker() as session:
            user = await session.get(User, bulk.user_id)
            assert user is not None
            found = await service.read(session, user, bulk.parts.recurring, date.today())
        async with bulk.parts.sessionmaker() as session:
            token = await session.scalar(select(Item.plaid_access_token_encrypted))
            rows = await session.execute(select(Transaction.plaid_transaction_id, Transaction.date))
            dates = {tx_id: day.isoformat() for tx_id, day in rows}
            access_token = bulk.parts.cipher.decrypt(token or "")
    return {
        "streams": [s.model_dump(mode="json") for s in found.streams],
        "access_token": access_token,
        "dates": dates,
        "median_ms": statistics.median(times) * 1000,
    }


def truth(emulator_url: str, access_token: str) -> list[dict[str, Any]]:
    answer = httpx.post(
        f"{emulator_url}/emulator/items/truth", json={"access_token": access_token}, timeout=120
    )
    answer.raise_for_status()
    streams: list[dict[str, Any]] = answer.json()["streams"]
    return streams


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    with emulator_process() as emulator, tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        asyncio.run(migrate(url))
        found = asyncio.run(found_streams(url, emulator.url, args.size))
        result: Score = score(
            found["streams"], truth(emulator.url, found["access_token"]), found["dates"]
        )
    print(  # noqa: T201
        f"Recurring streams in {args.size:,} transactions: {len(found['streams'])} found;"
        f" missed {result.missed or 'none'}; not true {result.extra or 'none'}"
    )
    print(f"BENCH recurring_precision {result.precision:.4f} ratio")  # noqa: T201
    print(f"BENCH recurring_recall {result.recall:.4f} ratio")  # noqa: T201
    print(f"BENCH recurring_detect_ms {found['median_ms']:.0f} ms")  # noqa: T201


if __name__ == "__main__":
    main()
