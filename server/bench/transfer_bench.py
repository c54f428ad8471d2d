"""`make bench`: transfer matching on a large generated history, against the emulator's truth.

Links a `user_bulk_<N>` item (two years), syncs it into SQLite as a link does (the pass
matches the transfers of a person never matched before), then compares the stored pairs
with the pairs the emulator planned (`/emulator/items/truth`). Prints precision and recall
of the matching, and how long matching the whole history again takes.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from bench.sync_bench import migrate
from bench.sync_one import bulk_user, sync
from pattern.models import Item, TransferPair
from pattern.transfers.service import match_user
from plaid_emulator.testing import emulator_process

Pairs = set[tuple[str, str]]


async def sync_and_match(database_url: str, emulator_url: str, size: int) -> dict[str, object]:
    async with bulk_user(database_url, emulator_url, size) as bulk:
        await sync(bulk)
        async with bulk.parts.sessionmaker() as session:
            rows = await session.execute(
                select(TransferPair.outflow_transaction_id, TransferPair.inflow_transaction_id)
            )
            matched = {(row[0], row[1]) for row in rows}
            token = await session.scalar(select(Item.plaid_access_token_encrypted))
        # The whole history looked at again (POST /api/users/{id}/transfers/match).
        started = time.perf_counter()
        async with bulk.parts.sessionmaker() as session, session.begin():
            again = await match_user(session, bulk.user_id)
        rematch_seconds = time.perf_counter() - started
        access_token = bulk.parts.cipher.decrypt(token or "")
    return {
        "access_token": access_token,
        "matched": matched,
        "again": again,
        "rematch_seconds": rematch_seconds,
    }


def truth(emulator_url: str, access_token: str) -> Pairs:
    answer = httpx.post(
        f"{emulator_url}/emulator/items/truth", json={"access_token": access_token}, timeout=120
    )
    answer.raise_for_status()
    return {
        (pair["outflow_transaction_id"], pair["inflow_transaction_id"])
        for pair in answer.json()["transfers"]
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    with emulator_process() as emulator, tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        asyncio.run(migrate(url))
        found = asyncio.run(sync_and_match(url, emulator.url, args.size))
        planned = truth(emulator.url, str(found["access_token"]))
    matched = found["matched"]
    assert isinstance(matched, set)
    right = len(matched & planned)
    precision = right / len(matched) if matched else 0.0
    recall = right / len(planned) if planned else 0.0
    print(  # noqa: T201
        f"Transfer matching on {args.size:,} transactions: {len(planned)} planned pairs,"
        f" {len(matched)} matched, {right} right; {found['again']} more on a second look"
    )
    print(f"BENCH transfer_precision {precision:.4f} ratio")  # noqa: T201
    print(f"BENCH transfer_recall {recall:.4f} ratio")  # noqa: T201
    print(f"BENCH transfer_rematch_seconds {found['rematch_seconds']:.2f} s")  # noqa: T201


if __name__ == "__main__":
    main()
