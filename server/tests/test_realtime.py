"""socket.io: refused without a session, joined to the user's room with one."""

from __future__ import annotations

import asyncio

import pytest
import socketio

from pattern.auth.cookies import ACCESS_COOKIE
from pattern.config import Settings
from pattern.main import create_app
from plaid_emulator.testing import serve_in_thread
from tests.support.sockets import person_socket
from tests.support.users import AppClient, log_in, sign_up, sign_up_and_log_in


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
            emit = app.realtime.emit_to_user
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
