"""Pure ASGI middleware: request ids and logs, security headers, body size limit, foreign
host and origin refusal."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pattern.app.logs import printable, request_id_var
from pattern.kit.errors import error_body
from pattern.kit.hosts import AllowedHosts

logger = logging.getLogger("pattern.requests")

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(code, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestLogMiddleware:
    """Tags each request with an id (X-Request-ID) and logs method, path, status, time."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = incoming if incoming and _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            # The path only: query strings may carry tokens (e.g. a link token).
            logger.info(
                "%s %s %s %.1fms",
                scope["method"],
                printable(scope["path"]),
                status,
                (time.perf_counter() - started) * 1000,
            )
            request_id_var.reset(token)


# What a browser may load for a page of this app: its own files, Plaid Link's script and
# frame (sandbox and production Link), nothing inline, and no framing by other sites. The
# shipped nginx sites send the same for the files they serve (tests/app/test_nginx.py).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' https://cdn.plaid.com/link/v2/stable/link-initialize.js",
        "frame-src https://cdn.plaid.com",
        "connect-src 'self' https://production.plaid.com https://sandbox.plaid.com",
        "img-src 'self' data:",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeadersMiddleware:
    """Every response carries the security headers (API answers, pages, errors alike)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in SECURITY_HEADERS if name not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Refuses request bodies over the limit with 413, whether declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _send_error(send, 413, "payload_too_large", self._message())
            return
        body = _LimitedBody(receive, send, self.max_bytes, self._message())
        try:
            await self.app(scope, body.receive, body.send)
        except Exception:
            if not body.refused:
                raise

    def _message(self) -> str:
        return f"Request body is larger than {self.max_bytes} bytes."


class _LimitedBody:
    """One request's body as it streams in: past the limit, the client gets 413 at once (if
    no answer has started) and the app is told the client went away."""

    def __init__(self, receive: Receive, send: Send, max_bytes: int, message: str) -> None:
        self._receive = receive
        self._send = send
        self._max_bytes = max_bytes
        self._message = message
        self._received = 0
        self._started = False
        self.refused = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] != "http.request":
            return message
        self._received += len(message.get("body", b""))
        if self._received <= self._max_bytes:
            return message
        if not self._started and not self.refused:
            self.refused = True
            await _send_error(self._send, 413, "payload_too_large", self._message)
        return {"type": "http.disconnect"}

    async def send(self, message: Message) -> None:
        if self.refused:
            return
        if message["type"] == "http.response.start":
            self._started = True
        await self._send(message)


class HostCheckMiddleware:
    """Refuses requests addressed to a host name this server does not answer to (pattern.kit.hosts),
    before anything else runs: a DNS-rebinding page gets nothing but this 400."""

    def __init__(self, app: ASGIApp, hosts: AllowedHosts) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in {"http", "websocket"}:
            host = _header(scope, b"host")
            if not self.hosts.allows(host):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                    return
                await _send_error(send, 400, "host_not_allowed", _host_message(host))
                return
        await self.app(scope, receive, send)


def _host_message(host: str | None) -> str:
    if not host:
        return "The request names no host."
    shown = host if len(host) <= 100 and host.isprintable() else "this host"
    return (
        f"This server does not answer to {shown!r}. If that name is yours, add it to "
        "ALLOWED_HOSTS (or set PUBLIC_URL)."
    )


class OriginCheckMiddleware:
    """Refuses state-changing requests sent by pages of another site (CSRF defence).

    Browsers send Origin on cross-site POST/PUT/PATCH/DELETE; a request without one
    (curl, Plaid's webhooks) is not a browser's cross-site request and passes. A page's
    origin passes when it is a trusted one (ALLOWED_ORIGINS, PUBLIC_URL's) or this very
    host and port, on a host name this server answers to.
    """

    def __init__(self, app: ASGIApp, trusted_origins: Iterable[str], hosts: AllowedHosts) -> None:
        self.app = app
        self.trusted = frozenset(trusted_origins)
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _UNSAFE_METHODS:
            origin = _header(scope, b"origin")
            if origin is not None and not self._allowed(origin, _header(scope, b"host")):
                await _send_error(
                    send, 403, "foreign_origin", "Cross-site requests are not allowed."
                )
                return
        await self.app(scope, receive, send)

    def _allowed(self, origin: str, host: str | None) -> bool:
        return origin.rstrip("/") in self.trusted or self.hosts.allows_origin(origin, host)
