"""A streaming response whose body, and what the body needs, last exactly as long as it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager

from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

BodyOpener = Callable[[], AbstractAsyncContextManager[AsyncIterator[str]]]


class HeldStreamingResponse(StreamingResponse):
    """Streams the chunks of the body that `open_body` opens when the response is sent, and
    closes it when the response ends: sent, failed or left by the client. What the opener
    holds (a slot, say) can then never outlive the response; what it raises before the
    first byte is rendered as any route's error."""

    def __init__(
        self,
        open_body: BodyOpener,
        *,
        media_type: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__((), media_type=media_type, headers=headers)
        self._open_body = open_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with self._open_body() as body:
            self.body_iterator = body
            await super().__call__(scope, receive, send)
