"""Keeps every Plaid call in plaid_api_events, in its own short transaction."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.models import PlaidApiEvent
from pattern.plaid.client import PlaidCallRecord, Recorder

# Arguments may come from a request (a webhook's kid, an institution id): each string is
# kept to this many characters, so no request makes a row bigger than that.
MAX_ARGUMENT_CHARS = 100


def _bounded(arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value[:MAX_ARGUMENT_CHARS] + "..."
        if isinstance(value, str) and len(value) > MAX_ARGUMENT_CHARS
        else value
        for name, value in arguments.items()
    }


def database_recorder(sessionmaker: async_sessionmaker[AsyncSession]) -> Recorder:
    async def record(call: PlaidCallRecord) -> None:
        async with sessionmaker() as session:
            session.add(
                PlaidApiEvent(
                    plaid_method=call.method,
                    user_id=call.user_id,
                    item_id=call.item_id,
                    arguments=json.dumps(_bounded(call.arguments), default=str)
                    if call.arguments
                    else None,
                    request_id=call.request_id,
                    error_type=call.error_type,
                    error_code=call.error_code,
                )
            )
            await session.commit()

    return record
