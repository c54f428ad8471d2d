"""One measured initial sync of a `user_bulk_<N>` item into one database (run by sync_bench).

Runs in its own process so that its peak RSS is the sync's alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import plaid
from plaid.api import plaid_api
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.products import Products
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest
from plaid.model.sandbox_public_token_create_request_options import (
    SandboxPublicTokenCreateRequestOptions,
)
from plaid.model.sandbox_public_token_create_request_options_transactions import (
    SandboxPublicTokenCreateRequestOptionsTransactions,
)
from sqlalchemy import func, select

from pattern.app.gc_tuning import keep_start_up_out_of_gc
from pattern.app.parts import Parts
from pattern.kit.config import Settings
from pattern.models import Item, SyncRequest, Transaction, User
from pattern.sync.engine import SyncEngine
from pattern.sync.locks import ItemLocks


def bulk_item(emulator_url: str, size: int) -> tuple[str, str]:
    configuration = plaid.Configuration(
        host=emulator_url, api_key={"clientId": "bench", "secret": "bench"}
    )
    client = plaid_api.PlaidApi(plaid.ApiClient(configuration))
    created = client.sandbox_public_token_create(
        SandboxPublicTokenCreateRequest(
            institution_id="ins_109508",
            initial_products=[Products("transactions")],
            options=SandboxPublicTokenCreateRequestOptions(
                override_username=f"user_bulk_{size}",
                override_password="pass_good",
                # two years, as Pattern's link token asks (Plaid's default is 90 days)
                transactions=SandboxPublicTokenCreateRequestOptionsTransactions(days_requested=730),
            ),
        )
    )
    exchanged = client.item_public_token_exchange(
        ItemPublicTokenExchangeRequest(public_token=created.public_token)
    )
    # The emulator, like Plaid, has the history ready about a second after the link.
    time.sleep(1.5)
    return exchanged.access_token, exchanged.item_id


@dataclass(frozen=True)
class BulkUser:
    """A person whose one item is a `user_bulk_<N>` one, with the parts that sync it."""

    parts: Parts
    engine: SyncEngine
    user_id: int
    item_id: int


@asynccontextmanager
async def bulk_user(database_url: str, emulator_url: str, size: int) -> AsyncIterator[BulkUser]:
    """The person and their item, stored; nothing synced yet."""
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
        try:
            yield BulkUser(parts, engine, user_id, item_id)
        finally:
            await engine.close()
            await parts.engine.dispose()


async def sync(bulk: BulkUser) -> None:
    """As a link does: a recorded request, which the engine's runner finds and serves."""
    bulk.engine.start()
    await bulk.engine.request(bulk.item_id, "link")
    await bulk.engine.wait_idle()


async def measure(database_url: str, emulator_url: str, size: int) -> dict[str, float]:
    async with bulk_user(database_url, emulator_url, size) as bulk:
        keep_start_up_out_of_gc()  # as the server does once started
        started, cpu = time.perf_counter(), time.process_time()
        await sync(bulk)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        async with bulk.parts.sessionmaker() as session:
            stored = await session.scalar(select(func.count()).select_from(Transaction))
            waiting = await session.scalar(
                select(func.count())
                .select_from(SyncRequest)
                .where(SyncRequest.requested > SyncRequest.done)
            )
    if waiting or stored != size:
        raise SystemExit(f"sync incomplete: {waiting} request waiting, {stored} of {size} stored")
    return {
        "seconds": elapsed,
        "tx_per_s": size / elapsed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "server_cpu_s": cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--emulator-url", required=True)
    parser.add_argument("--size", type=int, required=True)
    args = parser.parse_args()
    figures = asyncio.run(measure(args.database_url, args.emulator_url, args.size))
    print(json.dumps(figures))  # noqa: T201


if __name__ == "__main__":
    main()
