"""Plaid's own recurring streams, where an item has them (/transactions/recurring/get, an
add-on to Transactions).

Asked for once the item's whole history is in, and again on each
RECURRING_TRANSACTIONS_UPDATE webhook; stored with source "plaid" for the item's
accounts, which detection then leaves alone. When Plaid refuses (the client lacks the
add-on, the item lacks Transactions or the person's consent), the item is remembered as
without it, detection covers its accounts, and Plaid is asked again at most daily.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.kit.crypto import TokenCipher
from pattern.models.base import utcnow
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError
from pattern.recurring import repository, store
from pattern.recurring.detection import FREQUENCIES, next_date
from pattern.transfers.matching import TRANSFER_CATEGORIES
from pattern.users.today import today_of

logger = logging.getLogger(__name__)

# What Plaid answers when the item cannot have its recurring streams.
WITHOUT_THE_PRODUCT = frozenset(
    {"INVALID_PRODUCT", "PRODUCT_NOT_ENABLED", "ADDITIONAL_CONSENT_REQUIRED"}
)
ASK_AGAIN_AFTER = timedelta(days=1)
CENT = Decimal("0.01")
_FREQUENCIES = {f.name: f for f in FREQUENCIES}


async def fetch(
    sessionmaker: async_sessionmaker[AsyncSession],
    plaid: PlaidClient,
    cipher: TokenCipher,
    item_id: int,
    *,
    webhook: bool = False,
) -> bool:
    """Store the item's streams as Plaid gives them, when it is time to ask (always after
    Plaid's webhook said they changed). True when the person's stored streams changed."""
    now = utcnow()
    async with sessionmaker() as session:
        item = await repository.plaid_item(session, item_id)
        if item is None:
            return False
        asked = _time_to_ask(item.recurring_from_plaid, item.recurring_checked_at, now)
        if not (webhook or asked):
            return False
        user_id, had = item.user_id, item.recurring_from_plaid
        access_token = cipher.decrypt(item.plaid_access_token_encrypted)
    try:
        answer = await plaid.recurring_streams(access_token, user_id=user_id, item_id=item_id)
    except PlaidApiError as error:
        if error.error_code not in WITHOUT_THE_PRODUCT:
            raise
        logger.info("item %s has no recurring streams from Plaid: %s", item_id, error.error_code)
        return await _without(sessionmaker, item_id, user_id, had=had)
    return await _store(sessionmaker, item_id, user_id, answer)


async def _without(
    sessionmaker: async_sessionmaker[AsyncSession], item_id: int, user_id: int, *, had: bool | None
) -> bool:
    """Remember the item lacks Plaid's streams; detection covers its accounts from now."""
    async with sessionmaker() as session:
        await repository.set_item_recurring(session, item_id, False, utcnow())
        if had is not False:
            accounts = await repository.item_accounts(session, item_id)
            await repository.replace_streams(
                session, user_id, "plaid", [], account_ids=accounts.values()
            )
            await store.refresh(session, user_id, await today_of(session, user_id), force=True)
        await session.commit()
    return had is not False


async def _store(
    sessionmaker: async_sessionmaker[AsyncSession],
    item_id: int,
    user_id: int,
    answer: dict[str, Any],
) -> bool:
    """Plaid's streams become the item's accounts' streams."""
    async with sessionmaker() as session:
        accounts = await repository.item_accounts(session, item_id)
        if not accounts:  # before the first sync stored them: that sync's end asks again
            return False
        version = await repository.data_version(session, user_id)
        rows = [
            row
            for direction in ("inflow", "outflow")
            for stream in answer.get(f"{direction}_streams") or []
            if (row := _row(stream, direction, accounts, version)) is not None
        ]
        # As detection does: money moved between the person's own accounts is no bill. By
        # the stream's own category too: Plaid's webhook can come before a sync has stored
        # (and paired) the transactions it names.
        transfers = await repository.transfer_ids(
            session, [t for row in rows for t in json.loads(row["transaction_ids"])]
        )
        rows = [
            r
            for r in rows
            if r["category"] not in TRANSFER_CATEGORIES
            and not transfers.intersection(json.loads(r["transaction_ids"]))
        ]
        await repository.replace_streams(
            session, user_id, "plaid", rows, account_ids=accounts.values()
        )
        await repository.replace_streams(
            session, user_id, "detected", [], account_ids=accounts.values()
        )
        await repository.set_item_recurring(session, item_id, True, utcnow())
        await session.commit()
    return True


def _time_to_ask(from_plaid: bool | None, checked_at: datetime | None, now: datetime) -> bool:
    if from_plaid is None:
        return True
    return from_plaid is False and (checked_at is None or now - checked_at >= ASK_AGAIN_AFTER)


def plaid_stream_id(plaid_id: str) -> str:
    """Our id of Plaid's stream: of the shape of ours, and as lasting as Plaid's."""
    return hashlib.sha256(f"plaid|{plaid_id}".encode()).hexdigest()[:24]


def _row(
    stream: dict[str, Any], direction: str, accounts: dict[str, int], version: int
) -> dict[str, Any] | None:
    """Plaid's TransactionStream as a stored row; None for one we cannot place or date (an
    unknown account, an UNKNOWN frequency)."""
    account_id = accounts.get(stream.get("account_id") or "")
    frequency = _FREQUENCIES.get(str(stream.get("frequency")))
    if account_id is None or frequency is None:
        return None
    last_date = date.fromisoformat(stream["last_date"])
    predicted = stream.get("predicted_next_date")
    category = stream.get("personal_finance_category") or {}
    return {
        "account_id": account_id,
        "stream_id": plaid_stream_id(stream["stream_id"]),
        "plaid_stream_id": stream["stream_id"],
        "direction": direction,
        "description": (stream.get("description") or "")[:512],
        "merchant_name": stream.get("merchant_name") or None,
        "category": category.get("primary"),
        "subcategory": category.get("detailed"),
        "frequency": frequency.name,
        "first_date": date.fromisoformat(stream["first_date"]),
        "last_date": last_date,
        "predicted_next_date": (
            date.fromisoformat(predicted) if predicted else next_date(frequency, [last_date])
        ),
        "transaction_ids": json.dumps(stream.get("transaction_ids") or []),
        "average_amount": _amount(stream.get("average_amount")),
        "last_amount": _amount(stream.get("last_amount")),
        "status": str(stream.get("status") or "MATURE"),
        "data_version": version,
    }


def _amount(value: dict[str, Any] | None) -> Decimal:
    return Decimal(str((value or {}).get("amount") or 0)).quantize(CENT)
