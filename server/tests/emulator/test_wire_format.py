"""The emulator's request schemas accept every field the SDK can send."""

from __future__ import annotations

import importlib

import pytest
from pydantic import BaseModel

from plaid_emulator import schemas

PAIRS = [
    ("ItemPublicTokenExchangeRequest", schemas.PublicTokenExchange),
    ("ItemGetRequest", schemas.AccessTokenRequest),
    ("ItemRemoveRequest", schemas.ItemRemove),
    ("ItemWebhookUpdateRequest", schemas.ItemWebhookUpdate),
    ("AccountsGetRequest", schemas.AccountsGet),
    ("AccountsBalanceGetRequest", schemas.AccountsGet),
    ("TransactionsSyncRequest", schemas.TransactionsSync),
    ("TransactionsGetRequest", schemas.TransactionsGet),
    ("TransactionsRefreshRequest", schemas.AccessTokenRequest),
    ("InstitutionsGetRequest", schemas.InstitutionsGet),
    ("InstitutionsGetByIdRequest", schemas.InstitutionsGetById),
    ("InstitutionsSearchRequest", schemas.InstitutionsSearch),
    ("SandboxPublicTokenCreateRequest", schemas.SandboxPublicTokenCreate),
    ("SandboxItemResetLoginRequest", schemas.AccessTokenRequest),
    ("SandboxItemFireWebhookRequest", schemas.SandboxFireWebhook),
    ("WebhookVerificationKeyGetRequest", schemas.WebhookVerificationKeyGet),
]


def sdk_fields(class_name: str) -> set[str]:
    module_name = "".join("_" + c.lower() if c.isupper() else c for c in class_name)[1:]
    module = importlib.import_module(f"plaid.model.{module_name}")
    return set(getattr(module, class_name).attribute_map.values())


@pytest.mark.parametrize(("sdk_name", "model"), PAIRS)
def test_schema_accepts_sdk_fields(sdk_name: str, model: type[BaseModel]) -> None:
    assert sdk_fields(sdk_name) <= set(model.model_fields)
