"""Dependencies shared by every router: the app context and the request's database session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.context import AppContext
from pattern.kit.db import roll_back, run_after_commit
from pattern.kit.errors import AppError


# Dependencies are `async def` even when they wait on nothing: FastAPI runs a plain `def`
# in a worker thread, and the hop to the thread and back cost more than their work.
async def get_context(request: Request) -> AppContext:
    context: AppContext = request.app.state.context
    return context


ContextDep = Annotated[AppContext, Depends(get_context)]


async def get_db_session(context: ContextDep) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the route returns, rolled back if it raises
    or the commit fails (then its db.on_rollback callbacks run)."""
    async with context.sessionmaker() as session:
        try:
            yield session
        except AppError as exc:
            if exc.keep_changes:
                await session.commit()
                await run_after_commit(session)
            else:
                await roll_back(session)
            raise
        except BaseException:
            await roll_back(session)
            raise
        try:
            await session.commit()
        except BaseException:
            await roll_back(session)
            raise
        await run_after_commit(session)


def client_address(request: Request) -> str:
    """The client's address (from a trusted proxy's X-Forwarded-For, see TRUSTED_PROXIES)."""
    return request.client.host if request.client else "unknown"


# scope="function": commit before the response is sent, so a failed commit is a failed request.
SessionDep = Annotated[AsyncSession, Depends(get_db_session, scope="function")]
