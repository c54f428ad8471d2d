"""socket.io: sockets authenticated by the session cookie, one room per user."""

from __future__ import annotations

import logging
from http.cookies import SimpleCookie
from typing import Any

import socketio

from pattern.auth import service as auth_service
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.context import AppContext

logger = logging.getLogger(__name__)


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def session_room(session_id: str) -> str:
    return f"session:{session_id}"


def _access_token(environ: dict[str, Any]) -> str | None:
    cookie = SimpleCookie()
    try:
        cookie.load(environ.get("HTTP_COOKIE", ""))
    except Exception:  # a malformed Cookie header is just an unauthenticated socket
        return None
    morsel = cookie.get(ACCESS_COOKIE)
    return morsel.value if morsel else None


class Realtime:
    def __init__(self, context: AppContext) -> None:
        self._context = context
        settings = context.settings
        manager = None
        if settings.redis_url:
            # Its own channel: another deployment on the same Redis hears none of its events.
            channel = f"{context.secrets.redis_namespace}:socketio"
            manager = socketio.AsyncRedisManager(settings.redis_url, channel=channel)
        # No cors list: socket.io then accepts only the server's own origin, plus trusted ones.
        origins = sorted(settings.trusted_origins) or None
        self.sio = socketio.AsyncServer(
            async_mode="asgi",
            client_manager=manager,
            cors_allowed_origins=origins,
            logger=False,
            engineio_logger=False,
        )
        self.sio.on("connect", self._on_connect)

    async def _on_connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        async with self._context.sessionmaker() as session:
            found = await auth_service.authenticate(session, self._context, _access_token(environ))
        if found is None:
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        user, user_session = found
        await self.sio.save_session(sid, {"user_id": user.id, "session_id": user_session.id})
        await self.sio.enter_room(sid, user_room(user.id))
        await self.sio.enter_room(sid, session_room(user_session.id))

    async def emit_to_user(self, user_id: int, event: str, data: Any = None) -> None:
        """Send an event to every socket of one user (on any server process)."""
        await self.sio.emit(event, data, room=user_room(user_id))

    async def disconnect_room(self, room: str) -> None:
        """Close the sockets in a room: a logged-out session's, or a deleted user's."""
        participants = list(self.sio.manager.get_participants("/", room))
        for sid, _ in participants:
            await self.sio.disconnect(sid)

    async def end_session(self, session_id: str) -> None:
        await self.disconnect_room(session_room(session_id))

    async def end_user(self, user_id: int) -> None:
        await self.disconnect_room(user_room(user_id))
