"""Keeps every Plaid call in plaid_api_events, in its own short transaction."""

from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.models import PlaidApiEvent
from pattern.plaid.client import PlaidCallRecord, Recorder


def database_recorder(sessionmaker: async_sessionmaker[AsyncSession]) -> Recorder:
    async def record(call: PlaidCallRecord) -> None:
        async with sessionmaker() as session:
            session.add(
                PlaidApiEvent(
                    plaid_method=call.method,
                    user_id=call.user_id,
                    item_id=call.item_id,
                    arguments=json.dumps(call.arguments, default=str) if call.arguments else None,
                    request_id=call.request_id,
                    error_type=call.error_type,
                    error_code=call.error_code,
                )
            )
            await session.commit()

    return record
