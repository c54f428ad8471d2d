"""The API under /api: every domain's routes, and what its OpenAPI schema says about them."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Depends, FastAPI

from pattern.accounts.router import router as accounts_router
from pattern.api_tokens.router import router as api_tokens_router
from pattern.app.request_text import refuse_nul_characters
from pattern.assets.router import router as assets_router
from pattern.audit.router import router as audit_router
from pattern.auth.router import router as sessions_router
from pattern.budgets.router import router as budgets_router
from pattern.cash_flow.router import router as cash_flow_router
from pattern.categories.router import router as categories_router
from pattern.forecast.router import router as forecast_router
from pattern.health.router import router as health_router
from pattern.households.router import router as households_router
from pattern.insights.router import router as insights_router
from pattern.institutions.router import router as institutions_router
from pattern.invites.router import router as invites_router
from pattern.items.router import router as items_router
from pattern.kit.schemas import ErrorBody
from pattern.link.router import router as link_router
from pattern.manual.router import router as manual_router
from pattern.net_worth.router import router as net_worth_router
from pattern.notices.router import router as notices_router
from pattern.recurring.router import router as recurring_router
from pattern.rules.router import router as rules_router
from pattern.splits.router import router as splits_router
from pattern.sso.router import router as sso_router
from pattern.sync.router import router as sync_router
from pattern.transactions.router import router as transactions_router
from pattern.transfers.router import router as transfers_router
from pattern.two_factor.passkey_router import router as passkeys_router
from pattern.two_factor.passkey_router import sessions_router as passkey_log_in_router
from pattern.two_factor.router import router as two_factor_router
from pattern.two_factor.router import sessions_router as second_factor_router
from pattern.users.router import router as users_router
from pattern.webhooks.router import router as webhooks_router

TITLE = "Pattern"
SUMMARY = "Self-hostable personal finance on the Plaid API"
OPENAPI_URL = "/api/openapi.json"

# Every error has one shape (pattern.app.error_handlers): the schema says so, in place of
# FastAPI's own 422 body, which this API never sends.
_ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorBody, "description": "Client error"},
    "5XX": {"model": ErrorBody, "description": "Server error"},
}


def api_router() -> APIRouter:
    api = APIRouter(prefix="/api", dependencies=[Depends(refuse_nul_characters)], responses=_ERRORS)
    routers = (
        health_router,
        users_router,
        invites_router,
        audit_router,
        sessions_router,
        api_tokens_router,
        households_router,
        second_factor_router,
        passkey_log_in_router,
        sso_router,
        two_factor_router,
        passkeys_router,
        link_router,
        items_router,
        accounts_router,
        manual_router,
        transactions_router,
        splits_router,
        categories_router,
        transfers_router,
        insights_router,
        budgets_router,
        cash_flow_router,
        institutions_router,
        webhooks_router,
        rules_router,
        assets_router,
        net_worth_router,
        recurring_router,
        forecast_router,
        notices_router,
        sync_router,
    )
    for router in routers:
        api.include_router(router)
    return api


@cache
def _built_api() -> list[Any]:
    """The API's routes with their dependencies analysed, once per process. Analysing them
    (FastAPI reads every route's and dependency's signature) took most of the time of
    building an app, and the tests build one per test. The routes hold nothing of an app:
    they find its parts in request.app.state (pattern.kit.deps)."""
    built = APIRouter()
    built.include_router(api_router())
    return list(built.routes)


def add_api_routes(app: FastAPI) -> None:
    """Give `app` the API, every app of the process sharing the routes built once."""
    app.router.routes.extend(_built_api())
