"""Domain errors: an expected failure with its HTTP status, code and message."""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """An expected failure with its HTTP status, a stable code and a readable message."""

    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        keep_changes: bool = False,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.headers = headers
        # The parameter or body field at fault, for programs; the message says it in words.
        self.field = field
        # Commit the request's writes despite the error (e.g. revoking a stolen session).
        self.keep_changes = keep_changes


class BadRequest(AppError):
    status_code = 400
    code = "bad_request"


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class Unprocessable(AppError):
    status_code = 422
    code = "invalid_input"


class ServiceUnavailable(AppError):
    status_code = 503
    code = "unavailable"


class TooManyRequests(AppError):
    status_code = 429
    code = "too_many_requests"

    @classmethod
    def wait(cls, what: str, seconds: int) -> TooManyRequests:
        """ "Too many <what>; try again in 1 second." with Retry-After: said once, here, so
        the web app shows the message as it is."""
        return cls(
            f"Too many {what}; try again in {_duration(seconds)}.",
            headers={"Retry-After": str(seconds)},
        )


def _duration(seconds: int) -> str:
    if seconds < 120:
        return "1 second" if seconds == 1 else f"{seconds} seconds"
    return f"{-(-seconds // 60)} minutes"


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"error": error}
