"""The one boundary to Plaid: the plaid-python SDK, called in worker threads, every call logged.

Responses are read as raw JSON (`_preload_content=False`): the SDK's model building is slow
(~340 transactions/s). Amounts arrive as floats, which the writers turn into exact Decimals
(see _parse).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
import orjson
import plaid
import urllib3
from plaid.api import plaid_api
from plaid.model.accounts_get_request import AccountsGetRequest
from plaid.model.country_code import CountryCode
from plaid.model.institutions_get_by_id_request import InstitutionsGetByIdRequest
from plaid.model.institutions_get_by_id_request_options import InstitutionsGetByIdRequestOptions
from plaid.model.institutions_get_request import InstitutionsGetRequest
from plaid.model.item_get_request import ItemGetRequest
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.item_remove_request import ItemRemoveRequest
from plaid.model.item_webhook_update_request import ItemWebhookUpdateRequest
from plaid.model.link_token_create_request import LinkTokenCreateRequest
from plaid.model.link_token_create_request_update import LinkTokenCreateRequestUpdate
from plaid.model.link_token_create_request_user import LinkTokenCreateRequestUser
from plaid.model.link_token_transactions import LinkTokenTransactions
from plaid.model.personal_finance_category_version import PersonalFinanceCategoryVersion
from plaid.model.products import Products
from plaid.model.sandbox_item_reset_login_request import SandboxItemResetLoginRequest
from plaid.model.transactions_recurring_get_request import TransactionsRecurringGetRequest
from plaid.model.transactions_refresh_request import TransactionsRefreshRequest
from plaid.model.transactions_sync_request import TransactionsSyncRequest
from plaid.model.transactions_sync_request_options import TransactionsSyncRequestOptions
from plaid.model.webhook_verification_key_get_request import WebhookVerificationKeyGetRequest

from pattern.kit.config import PlaidEnv, Settings
from pattern.kit.keys import ServerSecrets
from pattern.plaid.errors import PlaidApiError
from pattern.plaid.sync_page import SyncPage, decode_sync_page

logger = logging.getLogger(__name__)

JSON = dict[str, Any]
# What a call's body is decoded into: a JSON object, or a typed page (sync_page.SyncPage).
Decoded = TypeVar("Decoded", JSON, SyncPage)


@dataclass(frozen=True)
class PlaidCallRecord:
    """What is kept of one call in plaid_api_events: never a token."""

    method: str
    user_id: int | None
    item_id: int | None
    arguments: JSON
    request_id: str | None
    error_type: str | None
    error_code: str | None


Recorder = Callable[[PlaidCallRecord], Awaitable[None]]


@dataclass(frozen=True)
class Retry:
    attempts: int = 4
    base_seconds: float = 0.5


NO_RETRY = Retry(attempts=1)


def plaid_host(settings: Settings) -> str:
    if settings.plaid_env is PlaidEnv.SANDBOX:
        return str(plaid.Environment.Sandbox)
    if settings.plaid_env is PlaidEnv.PRODUCTION:
        return str(plaid.Environment.Production)
    return settings.plaid_emulator_url or f"http://127.0.0.1:{settings.port}/plaid-emulator"


def plaid_credentials(settings: Settings, secrets: ServerSecrets) -> tuple[str, str]:
    """The client_id and secret this server sends to Plaid (or to an emulator: the one
    mounted in this server accepts only these)."""
    if settings.plaid_env is PlaidEnv.SANDBOX:
        return settings.plaid_client_id, settings.plaid_secret_sandbox.get_secret_value()
    if settings.plaid_env is PlaidEnv.PRODUCTION:
        return settings.plaid_client_id, settings.plaid_secret_production.get_secret_value()
    return settings.plaid_client_id or "pattern", secrets.emulator_secret


class PlaidClient:
    def __init__(
        self, settings: Settings, secrets: ServerSecrets, recorder: Recorder | None = None
    ) -> None:
        client_id, secret = plaid_credentials(settings, secrets)
        configuration = plaid.Configuration(
            host=plaid_host(settings),
            api_key={"clientId": client_id, "secret": secret, "plaidVersion": "2020-09-14"},
        )
        configuration.connection_pool_maxsize = settings.plaid_max_concurrency
        self._api = plaid_api.PlaidApi(plaid.ApiClient(configuration))
        self._limiter = anyio.CapacityLimiter(settings.plaid_max_concurrency)
        self._timeout = settings.plaid_timeout_seconds
        self._recorder = recorder
        self.retry = Retry()
        self.environment = settings.plaid_env

    async def _call(
        self,
        method: str,
        request: Any,
        *,
        user_id: int | None = None,
        item_id: int | None = None,
        arguments: JSON | None = None,
        retry: Retry = NO_RETRY,
    ) -> JSON:
        """Call Plaid and answer the JSON body."""
        body: JSON = await self._call_decoding(
            method,
            request,
            _json_object,
            user_id=user_id,
            item_id=item_id,
            arguments=arguments,
            retry=retry,
        )
        return body

    async def _call_decoding(
        self,
        method: str,
        request: Any,
        decode: Callable[[bytes], Decoded],
        *,
        user_id: int | None = None,
        item_id: int | None = None,
        arguments: JSON | None = None,
        retry: Retry = NO_RETRY,
    ) -> Decoded:
        """Call Plaid and answer the body as `decode` reads it (ValueError: not such a body)."""
        function = getattr(self._api, method)

        def invoke() -> bytes:
            try:
                response: urllib3.HTTPResponse = function(
                    request, _preload_content=False, _request_timeout=self._timeout
                )
                data: bytes = response.data
            except plaid.ApiException as exc:
                raise PlaidApiError.from_response(int(exc.status or 0), _parse(exc.body)) from None
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise PlaidApiError.unreachable(type(exc).__name__) from None
            return data

        for attempt in range(1, retry.attempts + 1):
            started = time.perf_counter()
            try:
                data = await anyio.to_thread.run_sync(invoke, limiter=self._limiter)
                # Decoded on the event loop (~1 ms for a sync page of 500): in the worker
                # thread it would hold the GIL in 5 ms slices against the loop's socket I/O.
                try:
                    body = decode(data)
                except ValueError as exc:
                    raise PlaidApiError.unreachable(f"unexpected response: {exc}") from None
            except PlaidApiError as error:
                await self._record(method, user_id, item_id, arguments, error.request_id, error)
                if not error.retryable or attempt == retry.attempts:
                    raise
                delay = retry.base_seconds * 2 ** (attempt - 1)
                logger.warning(
                    "plaid %s failed with %s; retry %d in %.1fs",
                    method,
                    error.error_code,
                    attempt,
                    delay,
                )
                await anyio.sleep(delay)
                continue
            logger.debug("plaid %s %.0fms", method, (time.perf_counter() - started) * 1000)
            request_id = body.get("request_id") if isinstance(body, dict) else body.request_id
            await self._record(method, user_id, item_id, arguments, request_id, None)
            return body
        raise AssertionError("unreachable")

    async def _record(
        self,
        method: str,
        user_id: int | None,
        item_id: int | None,
        arguments: JSON | None,
        request_id: str | None,
        error: PlaidApiError | None,
    ) -> None:
        if self._recorder is None:
            return
        try:
            await self._recorder(
                PlaidCallRecord(
                    method=method,
                    user_id=user_id,
                    item_id=item_id,
                    arguments=arguments or {},
                    request_id=request_id,
                    error_type=error.error_type if error else None,
                    error_code=error.error_code if error else None,
                )
            )
        except Exception:  # the call's outcome matters more than its log row
            logger.exception("could not record plaid call %s", method)

    # --- Link and items ---

    async def create_link_token(
        self,
        *,
        user_id: int,
        webhook: str | None,
        redirect_uri: str | None,
        access_token: str | None = None,
        item_id: int | None = None,
        days_requested: int | None = None,
        account_selection: bool = False,
    ) -> JSON:
        """A link token: a new item's asks for `days_requested` days of history (Plaid's
        default is 90, fixed for the item's life); update mode (`access_token`) cannot, and
        with `account_selection` lets the person add accounts."""
        fields: JSON = {
            "client_name": "Pattern",
            "language": "en",
            "country_codes": [CountryCode("US")],
            "user": LinkTokenCreateRequestUser(client_user_id=str(user_id)),
        }
        if access_token:
            fields["access_token"] = access_token  # update mode: no products
            if account_selection:
                fields["update"] = LinkTokenCreateRequestUpdate(account_selection_enabled=True)
        else:
            fields["products"] = [Products("transactions")]
            if days_requested:
                fields["transactions"] = LinkTokenTransactions(days_requested=days_requested)
        if webhook:
            fields["webhook"] = webhook
        if redirect_uri:
            fields["redirect_uri"] = redirect_uri
        return await self._call(
            "link_token_create",
            LinkTokenCreateRequest(**fields),
            user_id=user_id,
            item_id=item_id,
            arguments={"update_mode": bool(access_token), "account_selection": account_selection},
        )

    async def exchange_public_token(self, public_token: str, *, user_id: int) -> JSON:
        return await self._call(
            "item_public_token_exchange",
            ItemPublicTokenExchangeRequest(public_token=public_token),
            user_id=user_id,
        )

    async def get_item(
        self, access_token: str, *, user_id: int, item_id: int | None = None
    ) -> JSON:
        return await self._call(
            "item_get",
            ItemGetRequest(access_token=access_token),
            user_id=user_id,
            item_id=item_id,
            retry=self.retry,
        )

    async def remove_item(self, access_token: str, *, user_id: int, item_id: int | None) -> JSON:
        return await self._call(
            "item_remove",
            ItemRemoveRequest(access_token=access_token),
            user_id=user_id,
            item_id=item_id,
        )

    async def update_item_webhook(
        self, access_token: str, webhook: str, *, user_id: int, item_id: int | None
    ) -> JSON:
        return await self._call(
            "item_webhook_update",
            ItemWebhookUpdateRequest(access_token=access_token, webhook=webhook),
            user_id=user_id,
            item_id=item_id,
            retry=self.retry,
        )

    async def reset_login(self, access_token: str, *, user_id: int, item_id: int) -> JSON:
        return await self._call(
            "sandbox_item_reset_login",
            SandboxItemResetLoginRequest(access_token=access_token),
            user_id=user_id,
            item_id=item_id,
        )

    # --- Accounts and transactions ---

    async def get_accounts(self, access_token: str, *, user_id: int, item_id: int) -> JSON:
        return await self._call(
            "accounts_get",
            AccountsGetRequest(access_token=access_token),
            user_id=user_id,
            item_id=item_id,
            retry=self.retry,
        )

    async def sync_transactions(
        self, access_token: str, cursor: str | None, *, count: int, user_id: int, item_id: int
    ) -> SyncPage:
        request = TransactionsSyncRequest(
            access_token=access_token,
            count=count,
            # Plaid's current taxonomy (PFCv2, December 2025): any customer may ask for it,
            # and customers enabled since may only get it.
            options=TransactionsSyncRequestOptions(
                include_personal_finance_category=True,
                personal_finance_category_version=PersonalFinanceCategoryVersion("v2"),
            ),
        )
        if cursor:
            request.cursor = cursor
        return await self._call_decoding(
            "transactions_sync",
            request,
            decode_sync_page,
            user_id=user_id,
            item_id=item_id,
            arguments={"count": count, "has_cursor": bool(cursor)},
            retry=self.retry,
        )

    async def refresh_transactions(self, access_token: str, *, user_id: int, item_id: int) -> JSON:
        """Ask Plaid to ask the bank now (an add-on: Plaid refuses clients without it);
        what it finds arrives by webhook. Not retried: it is an extra, and costs a fee."""
        return await self._call(
            "transactions_refresh",
            TransactionsRefreshRequest(access_token=access_token),
            user_id=user_id,
            item_id=item_id,
        )

    async def recurring_streams(self, access_token: str, *, user_id: int, item_id: int) -> JSON:
        """Plaid's recurring inflow and outflow streams of the item (an add-on to
        Transactions: Plaid refuses clients and items without it)."""
        return await self._call(
            "transactions_recurring_get",
            TransactionsRecurringGetRequest(access_token=access_token),
            user_id=user_id,
            item_id=item_id,
            retry=self.retry,
        )

    # --- Institutions and webhooks ---

    async def get_institutions(self, *, count: int, offset: int) -> JSON:
        return await self._call(
            "institutions_get",
            InstitutionsGetRequest(count=count, offset=offset, country_codes=[CountryCode("US")]),
            arguments={"count": count, "offset": offset},
            retry=self.retry,
        )

    async def get_institution(self, institution_id: str) -> JSON:
        return await self._call(
            "institutions_get_by_id",
            InstitutionsGetByIdRequest(
                institution_id=institution_id,
                country_codes=[CountryCode("US")],
                options=InstitutionsGetByIdRequestOptions(include_optional_metadata=True),
            ),
            arguments={"institution_id": institution_id},
            retry=self.retry,
        )

    async def get_webhook_verification_key(self, key_id: str) -> JSON:
        return await self._call(
            "webhook_verification_key_get",
            WebhookVerificationKeyGetRequest(key_id=key_id),
            arguments={"key_id": key_id},
            retry=self.retry,
        )


def _json_object(data: bytes) -> JSON:
    body = _parse(data)
    if body is None:
        raise ValueError("not a JSON object")
    return body


def _parse(data: bytes | str | None) -> JSON | None:
    """The JSON body, numbers as floats (orjson: half the CPU of json.loads with Decimal).
    Money stays exact: Plaid sends amounts with at most 15 significant digits, which a
    float keeps, so Decimal(str(amount)) gives them back (balances; a sync page's amounts
    are read as Decimals by sync_page)."""
    if not data:
        return None
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    return parsed if isinstance(parsed, dict) else None
