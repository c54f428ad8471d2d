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
from bench.sync_one import bulk_item
from pattern.app.parts import Parts
from pattern.kit.config import Settings
from pattern.models import Item, TransferPair, User
from pattern.sync.engine import SyncEngine
from pattern.sync.locks import ItemLocks
from pattern.transfers.service import match_user
from plaid_emulator.testing import emulator_process

Pairs = set[tuple[str, str]]


async def sync_and_match(database_url: str, emulator_url: str, size: int) -> dict[str, object]:
    access_token, plaid_item_id = bulk_item(emulator_url, size)
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(
            _env_file=None,
            database_url=database_url,
            data_dir=Path(data_dir),
            plaid_env="emulator",
            plaid_emulator_url=emulator_url,
        )
        parts = Parts.build(settings)

        async def no_socket(user_id: int, event: str, data: object) -> None:
            return None

        engine = SyncEngine(
            sessionmaker=parts.sessionmaker,
            plaid=parts.plaid,
            cipher=parts.cipher,
            locks=ItemLocks(parts.engine),
            emit=no_socket,
        )
        async with parts.sessionmaker() as session, session.begin():
            user = User(username="bench", password_hash="-")
            session.add(user)
            await session.flush()
            item = Item(
                user_id=user.id,
                plaid_access_token_encrypted=parts.cipher.encrypt(access_token),
                plaid_item_id=plaid_item_id,
                plaid_institution_id="ins_109508",
            )
            session.add(item)
            await session.flush()
            user_id, item_id = user.id, item.id
        engine.start()
        await engine.request(item_id, "link")
        await engine.wait_idle()
        await engine.close()
        async with parts.sessionmaker() as session:
            rows = await session.execute(
                select(TransferPair.outflow_transaction_id, TransferPair.inflow_transaction_id)
            )
            matched = {(row[0], row[1]) for row in rows}
        # The whole history looked at again (POST /api/users/{id}/transfers/match).
        started = time.perf_counter()
        async with parts.sessionmaker() as session, session.begin():
            again = await match_user(session, user_id)
        rematch_seconds = time.perf_counter() - started
        await parts.engine.dispose()
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
