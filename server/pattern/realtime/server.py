"""socket.io: sockets authenticated by the session cookie, one room per user (a member
of a share hears the owner's bank news in their own room, while the share lasts).

A socket lives no longer than its session: it closes when the session is logged out,
revoked (a replayed refresh token, a password change, log-out everywhere), when its user
is deleted, and when the session expires. With several processes (REDIS_URL), the end of
a session is announced on a Redis channel of this deployment, and every process closes
the sockets it holds.
"""

from __future__ import annotations

import asyncio
import logging
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING, Any

import socketio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.auth.cookies import ACCESS_COOKIE
from pattern.auth.service import authenticate, two_factor_setup_pending
from pattern.auth.tokens import TokenSigner
from pattern.households import repository as households
from pattern.kit.background import Background
from pattern.kit.config import Settings
from pattern.models.base import utcnow

if TYPE_CHECKING:
    from redis.asyncio import Redis

logger = logging.getLogger(__name__)


# A bank's news that members of a share hear too (pattern.households): what makes their
# open pages read again.
SHARED_EVENTS = frozenset(
    {"NEW_TRANSACTIONS_DATA", "SYNC_PROGRESS", "SYNC_UPDATES_AVAILABLE", "ERROR", "LOGIN_REPAIRED"}
)


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
    def __init__(
        self,
        settings: Settings,
        *,
        redis_namespace: str,
        sessionmaker: async_sessionmaker[AsyncSession],
        signer: TokenSigner,
        background: Background,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._signer = signer
        self._background = background
        manager = None
        self._redis: Redis | None = None
        self._ended_channel = f"{redis_namespace}:sessions-ended"
        self._listener: asyncio.Task[None] | None = None
        if settings.redis_url:
            from redis.asyncio import Redis

            # Its own channel: another deployment on the same Redis hears none of its events.
            channel = f"{redis_namespace}:socketio"
            manager = socketio.AsyncRedisManager(settings.redis_url, channel=channel)
            self._redis = Redis.from_url(settings.redis_url)
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
        self.sio.on("disconnect", self._on_disconnect)
        # Per socket of this process: the timer closing it when its session expires.
        self._expiries: dict[str, asyncio.TimerHandle] = {}

    async def _on_connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        async with self._sessionmaker() as session:
            found = await authenticate(session, self._signer, _access_token(environ))
            # As every route: while the server requires a second factor, none without one.
            pending = found is not None and await two_factor_setup_pending(
                session, found[0].id, found[1]
            )
        if found is None:
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        if pending:
            raise socketio.exceptions.ConnectionRefusedError("two_factor_setup_required")
        user, user_session = found
        self._listen_for_ended_sessions()
        await self.sio.save_session(sid, {"user_id": user.id, "session_id": user_session.id})
        await self.sio.enter_room(sid, user_room(user.id))
        await self.sio.enter_room(sid, session_room(user_session.id))
        seconds = (user_session.expires_at - utcnow()).total_seconds()
        self._expiries[sid] = asyncio.get_running_loop().call_later(
            max(seconds, 0), lambda: self._background.spawn(self.sio.disconnect(sid))
        )

    async def _on_disconnect(self, sid: str, *_: Any) -> None:
        expiry = self._expiries.pop(sid, None)
        if expiry is not None:
            expiry.cancel()

    async def emit_to_user(self, user_id: int, event: str, data: Any = None) -> None:
        """Send an event to every socket of one user (on any server process); a bank's
        news also to the members of the user's shares that include one of its accounts,
        as they are when it is sent: a share ended hears nothing more."""
        await self.sio.emit(event, data, room=user_room(user_id))
        item_id = data.get("item_id") if isinstance(data, dict) else None
        if event in SHARED_EVENTS and isinstance(item_id, int):
            try:
                async with self._sessionmaker() as session:
                    members = await households.members_seeing_item(session, user_id, item_id)
            except Exception:  # the owner heard it; the members' pages read again on reload
                logger.exception("the members sharing item %s were not told of %s", item_id, event)
                return
            # The item and whose it is: not what the owner alone may know (how many of
            # its transactions changed, in accounts perhaps not shared).
            shared = {"item_id": item_id, "owner_id": user_id}
            for member_id in members:
                await self.sio.emit(event, shared, room=user_room(member_id))

    async def end_session(self, session_id: str) -> None:
        await self._end(session_room(session_id))

    async def end_user(self, user_id: int) -> None:
        await self._end(user_room(user_id))

    async def _end(self, room: str) -> None:
        """Close the sockets in a room, in this process and (through Redis) in the others."""
        await self._disconnect_here(room)
        if self._redis is not None:
            await self._redis.publish(self._ended_channel, room)

    async def _disconnect_here(self, room: str) -> None:
        participants = list(self.sio.manager.get_participants("/", room))
        for sid, _ in participants:
            await self.sio.disconnect(sid)

    def _listen_for_ended_sessions(self) -> None:
        """Once this process holds sockets, it hears the other processes' ended sessions."""
        if self._redis is not None and self._listener is None:
            # Not one of the app's background tasks, which are awaited until done.
            self._listener = asyncio.get_running_loop().create_task(self._listen(self._redis))

    async def _listen(self, redis: Redis) -> None:
        while True:
            try:
                async with redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._ended_channel)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            await self._disconnect_here(message["data"].decode())
            except asyncio.CancelledError:
                raise
            except Exception:  # Redis went away: listen again once it is back
                logger.warning("ended sessions: Redis did not answer; listening again soon")
                await asyncio.sleep(1)

    async def close(self) -> None:
        for expiry in self._expiries.values():
            expiry.cancel()
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)
        await self.sio.shutdown()
        if self._redis is not None:
            await self._redis.aclose()
