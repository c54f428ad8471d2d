"""Plaid's error object as a domain error."""

from __future__ import annotations

from typing import Any

from pattern.kit.errors import AppError

# Worth retrying with backoff: Plaid is busy or briefly down, or the network failed.
RETRYABLE_CODES = frozenset({"RATE_LIMIT_EXCEEDED", "INTERNAL_SERVER_ERROR", "PLANNED_MAINTENANCE"})


class PlaidApiError(AppError):
    """A Plaid call failed. Answers 400 for the caller's mistake, 502 for Plaid's trouble."""

    def __init__(
        self,
        *,
        status: int,
        error_type: str,
        error_code: str,
        message: str,
        display_message: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(display_message or message, code=f"plaid_{error_code.lower()}")
        self.status_code = 400 if status == 400 else 502
        self.plaid_status = status
        self.error_type = error_type
        self.error_code = error_code
        self.request_id = request_id

    @property
    def retryable(self) -> bool:
        return (
            self.plaid_status == 0
            or self.plaid_status >= 500
            or self.plaid_status == 429
            or self.error_code in RETRYABLE_CODES
        )

    @classmethod
    def from_response(cls, status: int, body: dict[str, Any] | None) -> PlaidApiError:
        body = body or {}
        return cls(
            status=status,
            error_type=str(body.get("error_type") or "API_ERROR"),
            error_code=str(body.get("error_code") or f"HTTP_{status}"),
            message=str(body.get("error_message") or f"Plaid answered HTTP {status}."),
            display_message=body.get("display_message"),
            request_id=body.get("request_id"),
        )

    @classmethod
    def unreachable(cls, reason: str) -> PlaidApiError:
        return cls(
            status=0,
            error_type="API_ERROR",
            error_code="PLAID_UNREACHABLE",
            message=f"Plaid could not be reached: {reason}",
        )

    @classmethod
    def unexpected(cls, reason: str) -> PlaidApiError:
        return cls(
            status=502,
            error_type="API_ERROR",
            error_code="UNEXPECTED_RESPONSE",
            message=f"Plaid sent an unexpected answer: {reason}",
        )
