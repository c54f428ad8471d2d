"""Plaid's error object and the exceptions that produce it."""

from __future__ import annotations

from typing import Any

DOCS = "https://plaid.com/docs/errors/"

_DOC_PAGES = {
    "INVALID_REQUEST": "invalid-request/",
    "INVALID_INPUT": "invalid-input/",
    "ITEM_ERROR": "item/",
    "RATE_LIMIT_EXCEEDED": "rate-limit-exceeded/",
    "API_ERROR": "api/",
    "TRANSACTIONS_ERROR": "transactions/",
    "SANDBOX_ERROR": "sandbox/",
    "INSTITUTION_ERROR": "institution/",
}


class PlaidError(Exception):
    """An API failure rendered as Plaid's error object with its HTTP status."""

    def __init__(
        self,
        error_type: str,
        error_code: str,
        error_message: str,
        *,
        status: int = 400,
        display_message: str | None = None,
    ) -> None:
        super().__init__(f"{error_type}/{error_code}: {error_message}")
        self.error_type = error_type
        self.error_code = error_code
        self.error_message = error_message
        self.status = status
        self.display_message = display_message

    @property
    def documentation_url(self) -> str:
        page = _DOC_PAGES.get(self.error_type, "")
        return f"{DOCS}{page}#{self.error_code.lower()}"

    def body(self, request_id: str) -> dict[str, Any]:
        """The HTTP response body of a failed API call."""
        return {
            "error_type": self.error_type,
            "error_code": self.error_code,
            "error_code_reason": None,
            "error_message": self.error_message,
            "display_message": self.display_message,
            "request_id": request_id,
            "causes": [],
            "status": self.status,
            "documentation_url": self.documentation_url,
            "suggested_action": None,
        }

    def embedded(self) -> dict[str, Any]:
        """The error as it appears inside item.error and webhooks (no request_id)."""
        return {
            "error_type": self.error_type,
            "error_code": self.error_code,
            "error_code_reason": None,
            "error_message": self.error_message,
            "display_message": self.display_message,
            "status": self.status,
            "documentation_url": self.documentation_url,
            "suggested_action": None,
        }

    def link_exit(self) -> dict[str, Any]:
        """The error as Link's onExit callback receives it."""
        return {
            "error_type": self.error_type,
            "error_code": self.error_code,
            "error_message": self.error_message,
            "display_message": self.display_message,
        }


def invalid_api_keys() -> PlaidError:
    return PlaidError("INVALID_INPUT", "INVALID_API_KEYS", "invalid client_id or secret provided")


def invalid_access_token() -> PlaidError:
    return PlaidError(
        "INVALID_INPUT",
        "INVALID_ACCESS_TOKEN",
        "provided access token is in an invalid format. "
        "expected format: access-<environment>-<identifier>",
    )


def item_not_found() -> PlaidError:
    return PlaidError(
        "ITEM_ERROR",
        "ITEM_NOT_FOUND",
        "The Item you requested cannot be found. This Item does not exist, has been previously "
        "removed via /item/remove, or has had access removed by the user.",
    )


def invalid_public_token() -> PlaidError:
    return PlaidError(
        "INVALID_INPUT",
        "INVALID_PUBLIC_TOKEN",
        "provided public token is expired. Public tokens expire 30 minutes after creation at "
        "which point they can no longer be exchanged",
    )


def invalid_link_token() -> PlaidError:
    return PlaidError(
        "INVALID_INPUT",
        "INVALID_LINK_TOKEN",
        "provided link token is in an invalid format or has expired",
        display_message="This link is no longer valid. Please try again.",
    )


def item_login_required() -> PlaidError:
    return PlaidError(
        "ITEM_ERROR",
        "ITEM_LOGIN_REQUIRED",
        "the login details of this item have changed (credentials, MFA, or required user action) "
        "and a user login is required to update this information. use Link's update mode to "
        "restore the item to a good state",
        display_message="The login details of this item have changed (credentials, MFA, or "
        "required user action). Please log in again.",
    )


def invalid_credentials() -> PlaidError:
    return PlaidError(
        "ITEM_ERROR",
        "INVALID_CREDENTIALS",
        "the provided credentials were not correct",
        display_message="The provided credentials were not correct. Please try again.",
    )


def product_not_ready() -> PlaidError:
    return PlaidError(
        "ITEM_ERROR",
        "PRODUCT_NOT_READY",
        "the requested product is not yet ready. please provide a webhook or try the request "
        "again later",
    )


def product_not_enabled() -> PlaidError:
    return PlaidError(
        "ITEM_ERROR",
        "PRODUCT_NOT_ENABLED",
        "A requested product was not enabled for the current access token. Please ensure it "
        "is included when initializing Link and create the Item again.",
    )


def invalid_product(products: list[str]) -> PlaidError:
    """What Plaid answers a client whose account lacks a product (or add-on)."""
    listed = ", ".join(f'"{p}"' for p in products)
    return invalid_input(
        "INVALID_PRODUCT", f"client is not authorized to access the following products: [{listed}]"
    )


def mutation_during_pagination() -> PlaidError:
    return PlaidError(
        "TRANSACTIONS_ERROR",
        "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
        "Underlying transaction data changed since last page was fetched. Please restart "
        "pagination from last update.",
    )


def invalid_field(message: str) -> PlaidError:
    return PlaidError("INVALID_REQUEST", "INVALID_FIELD", message)


def webhook_not_allowed() -> PlaidError:
    return invalid_field("webhook must be the webhook address of the server this emulator serves")


def admin_secret_required() -> PlaidError:
    return PlaidError(
        "INVALID_INPUT",
        "INVALID_API_KEYS",
        "the emulator's controls need its admin secret in the X-Emulator-Admin-Secret header",
        status=401,
    )


def invalid_input(code: str, message: str) -> PlaidError:
    return PlaidError("INVALID_INPUT", code, message)


def missing_fields(fields: list[str]) -> PlaidError:
    return PlaidError(
        "INVALID_REQUEST",
        "MISSING_FIELDS",
        "the following required fields are missing: " + ", ".join(fields),
    )


def unknown_fields(fields: list[str]) -> PlaidError:
    return PlaidError(
        "INVALID_REQUEST",
        "UNKNOWN_FIELDS",
        "the following fields are not recognized by this endpoint: " + ", ".join(fields),
    )


def invalid_body(message: str = "body could not be parsed as JSON") -> PlaidError:
    return PlaidError("INVALID_REQUEST", "INVALID_BODY", message)


def not_found(path: str) -> PlaidError:
    return PlaidError("INVALID_REQUEST", "NOT_FOUND", f"unrecognized endpoint: {path}", status=404)


def method_not_allowed() -> PlaidError:
    return PlaidError(
        "INVALID_REQUEST", "INVALID_HTTP_METHOD", "only POST requests are supported", status=405
    )


def internal_error() -> PlaidError:
    return PlaidError(
        "API_ERROR", "INTERNAL_SERVER_ERROR", "an unexpected error occurred", status=500
    )
