"""What services need of the sockets (pattern.realtime implements it): events to a user's
browsers, and closing the sockets of sessions that ended."""

from __future__ import annotations

from typing import Any, Protocol


class UserEvents(Protocol):
    async def emit_to_user(self, user_id: int, event: str, data: Any = None) -> None: ...


class SocketEnds(Protocol):
    async def end_session(self, session_id: str) -> None: ...

    async def end_user(self, user_id: int) -> None: ...
