"""Dependencies shared by every router: what the app factory provides, and the request's
database session.

The factory is the only place that builds the app's parts; it registers each under its
type (`provide`), and a route asks for the ones it uses by type (`Provided`), so reading a
route's parameters tells what it depends on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, FastAPI, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from pattern.kit.config import Settings
from pattern.kit.crypto import TokenCipher
from pattern.kit.db import roll_back, run_after_commit
from pattern.kit.errors import AppError
from pattern.kit.sockets import SocketEnds, UserEvents

T = TypeVar("T")


def provide(app: FastAPI, kind: type[T], part: T) -> None:
    """Make `part` the app's one `kind` for the routes that ask for it."""
    if not hasattr(app.state, "parts"):
        app.state.parts = {}
    app.state.parts[kind] = part


_providers: dict[type[Any], Callable[[Request], Awaitable[Any]]] = {}


def provided(kind: type[T]) -> Callable[[Request], Awaitable[T]]:
    """The dependency giving the app's `kind`; one per kind, so FastAPI resolves it once per
    request."""
    if kind not in _providers:
        # Dependencies are `async def` even when they wait on nothing: FastAPI runs a plain
        # `def` in a worker thread, and the hop to the thread and back costs more than this.
        async def get(request: Request) -> Any:
            return request.app.state.parts[kind]

        get.__name__ = f"provided_{kind.__name__}"
        _providers[kind] = get
    return cast(Callable[[Request], Awaitable[T]], _providers[kind])


SettingsDep = Annotated[Settings, Depends(provided(Settings))]
EngineDep = Annotated[AsyncEngine, Depends(provided(AsyncEngine))]
CipherDep = Annotated[TokenCipher, Depends(provided(TokenCipher))]
SocketEndsDep = Annotated[SocketEnds, Depends(provided(SocketEnds))]
UserEventsDep = Annotated[UserEvents, Depends(provided(UserEvents))]
SessionmakerDep = Annotated[async_sessionmaker[AsyncSession], Depends(provided(async_sessionmaker))]


async def get_db_session(sessionmaker: SessionmakerDep) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the route returns, rolled back if it raises
    or the commit fails (then its db.on_rollback callbacks run)."""
    async with sessionmaker() as session:
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
