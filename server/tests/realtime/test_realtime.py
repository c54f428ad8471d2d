"""socket.io: refused without a session, joined to the user's room with one."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
import socketio
from sqlalchemy import update

from pattern.app.factory import PatternApp, create_app
from pattern.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from pattern.auth.service import SSO
from pattern.kit.config import Settings
from pattern.models import UserSession
from pattern.models.base import utcnow
from plaid_emulator.testing import serve_in_thread
from tests.support.sockets import person_socket
from tests.support.users import STRONG_PASSWORD, AppClient, log_in, sign_up, sign_up_and_log_in
from tests.two_factor.test_totp import Clock, turn_on


async def test_socket_needs_a_session_and_receives_its_users_events(settings: Settings) -> None:
    app = create_app(settings)
    # The database is used from the server thread's own event loop.
    with serve_in_thread(app) as server:
        base_url = server.url
        async with AppClient(base_url=base_url, data_dir=settings.data_dir) as http:
            await sign_up(http, "alice")
            await sign_up(http, "bobby")
            await log_in(http, "alice")
            access = http.cookies[ACCESS_COOKIE]
            me = (await http.get("/api/sessions/me")).json()

        anonymous = socketio.AsyncClient(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await anonymous.connect(base_url, transports=["websocket"], wait_timeout=5)

        with pytest.raises(socketio.exceptions.ConnectionError):
            await person_socket(base_url, f"{access[:-3]}abc")  # forged

        received: asyncio.Queue[object] = asyncio.Queue()
        sio = await person_socket(base_url, access, {"HELLO": received.put})
        try:
            assert sio.connected
            # An event for another user does not arrive; one for alice does.
            emit = app.parts.realtime.emit_to_user
            server.call(emit(me["id"] + 1, "HELLO", "not yours"))
            server.call(emit(me["id"], "HELLO", {"n": 1}))
            assert await asyncio.wait_for(received.get(), 5) == {"n": 1}
            assert received.empty()
        finally:
            await sio.disconnect()
            server.call(app.close())


async def test_logging_out_closes_that_sessions_sockets(settings: Settings) -> None:
    app = create_app(settings)
    with serve_in_thread(app) as server:
        async with AppClient(base_url=server.url, data_dir=settings.data_dir) as http:
            await sign_up_and_log_in(http, "alice")
            closed = asyncio.Event()
            sio = await person_socket(
                server.url, http.cookies[ACCESS_COOKIE], {"disconnect": closed.set}
            )
            assert sio.connected
            assert (await http.delete("/api/sessions")).status_code == 204
            await asyncio.wait_for(closed.wait(), 5)
            assert not sio.connected
        server.call(app.close())


async def closed_when(
    server_url: str, access_token: str
) -> tuple[socketio.AsyncClient, asyncio.Event]:
    closed = asyncio.Event()
    sio = await person_socket(server_url, access_token, {"disconnect": closed.set})
    assert sio.connected
    return sio, closed


@pytest.mark.reliability
async def test_every_way_a_session_ends_closes_its_sockets(settings: Settings) -> None:
    """A replayed refresh token, a password change (for the other sessions), log-out
    everywhere and the session's expiry each close the session's open sockets."""
    app = create_app(settings)
    with serve_in_thread(app) as server:
        url = server.url
        async with (
            AppClient(base_url=url, data_dir=settings.data_dir) as phone,
            AppClient(base_url=url, data_dir=settings.data_dir) as laptop,
        ):
            alice = await sign_up_and_log_in(phone, "alice")
            await log_in(laptop, "alice")

            # A refresh token used twice: the session is revoked, its socket closes.
            stolen = phone.cookies[REFRESH_COOKIE]
            _, phone_closed = await closed_when(url, phone.cookies[ACCESS_COOKIE])
            assert (await phone.post("/api/sessions/refresh")).status_code == 204
            async with AppClient(base_url=url, data_dir=settings.data_dir) as thief:
                thief.cookies.set(REFRESH_COOKIE, stolen)
                assert (await thief.post("/api/sessions/refresh")).status_code == 401
            await asyncio.wait_for(phone_closed.wait(), 5)

            # A password change from the phone closes the laptop's socket, not the phone's.
            await log_in(phone, "alice")
            phone_socket, phone_closed = await closed_when(url, phone.cookies[ACCESS_COOKIE])
            _, laptop_closed = await closed_when(url, laptop.cookies[ACCESS_COOKIE])
            changed = await phone.put(
                f"/api/users/{alice['id']}/password",
                json={"current_password": STRONG_PASSWORD, "new_password": "battery-staple-77"},
            )
            assert changed.status_code == 204
            await asyncio.wait_for(laptop_closed.wait(), 5)
            await asyncio.sleep(0.3)
            assert phone_socket.connected
            assert not phone_closed.is_set()

            # Log out everywhere closes every socket of the person.
            assert (await phone.delete(f"/api/users/{alice['id']}/sessions")).status_code == 204
            await asyncio.wait_for(phone_closed.wait(), 5)

            # A session about to expire: its socket closes when it does.
            await log_in(phone, "alice", "battery-staple-77")
            server.call(expire_sessions_in(app, seconds=1.5))
            _, expired = await closed_when(url, phone.cookies[ACCESS_COOKIE])
            await asyncio.wait_for(expired.wait(), 5)
        server.call(app.close())


async def expire_sessions_in(app: PatternApp, *, seconds: float) -> None:
    async with app.parts.sessionmaker() as session:
        await session.execute(
            update(UserSession).values(expires_at=utcnow() + timedelta(seconds=seconds))
        )
        await session.commit()


async def test_no_socket_before_the_second_factor_the_server_requires(
    settings: Settings,
) -> None:
    """While an administrator requires two-factor log-in, a person who has not set it up
    gets no socket (as every route answers 403), until they do; a session signed in
    through single sign-on counts as having one."""
    app = create_app(settings)
    clock = Clock(app)
    with serve_in_thread(app) as server:
        async with AppClient(base_url=server.url, data_dir=settings.data_dir) as http:
            await sign_up_and_log_in(http, "root")
            await turn_on(http, clock)
            rule = await http.put("/api/two-factor/policy", json={"require_two_factor": True})
            assert rule.status_code == 200, rule.text
            http.cookies.clear()
            alice = await sign_up_and_log_in(http, "alice")
            access = http.cookies[ACCESS_COOKIE]
            assert (await http.get(f"/api/users/{alice['id']}/accounts")).status_code == 403

            refusals: list[object] = []
            with pytest.raises(socketio.exceptions.ConnectionError):
                await person_socket(server.url, access, {"connect_error": refusals.append})
            assert refusals == [{"message": "two_factor_setup_required"}]

            server.call(mark_sessions_sso(app, alice["id"]))
            by_provider = await person_socket(server.url, access)
            assert by_provider.connected
            await by_provider.disconnect()

            http.cookies.clear()
            await log_in(http, "alice")
            clock.next_step()
            await turn_on(http, clock)
            received: asyncio.Queue[object] = asyncio.Queue()
            sio = await person_socket(server.url, http.cookies[ACCESS_COOKIE], {"HI": received.put})
            try:
                server.call(app.parts.realtime.emit_to_user(alice["id"], "HI", {"n": 1}))
                assert await asyncio.wait_for(received.get(), 5) == {"n": 1}
            finally:
                await sio.disconnect()
        server.call(app.close())


async def mark_sessions_sso(app: PatternApp, user_id: int) -> None:
    """As a sign-in through the OpenID provider marks its session."""
    async with app.parts.sessionmaker() as session:
        await session.execute(
            update(UserSession).where(UserSession.user_id == user_id).values(method=SSO)
        )
        await session.commit()
