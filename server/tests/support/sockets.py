"""A person's socket.io client, as the web client opens one: a websocket with their cookie."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import socketio

from pattern.auth.cookies import ACCESS_COOKIE


async def person_socket(
    url: str, access_token: str, on: Mapping[str, Callable[..., Any]] | None = None
) -> socketio.AsyncClient:
    """Connected, with `on`'s handlers by event name ("*" for every event); raises
    socketio.exceptions.ConnectionError when the server refuses it."""
    sio = socketio.AsyncClient(reconnection=False)
    for event, handler in (on or {}).items():
        sio.on(event, handler)
    await sio.connect(
        url,
        headers={"Cookie": f"{ACCESS_COOKIE}={access_token}"},
        transports=["websocket"],
        wait_timeout=5,
    )
    return sio
