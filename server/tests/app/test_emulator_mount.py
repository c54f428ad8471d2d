"""With PLAID_ENV=emulator the server itself answers Plaid's API under /plaid-emulator."""

from __future__ import annotations

import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.country_code import CountryCode
from plaid.model.institutions_get_by_id_request import InstitutionsGetByIdRequest
from plaid.model.item_public_token_exchange_request import ItemPublicTokenExchangeRequest
from plaid.model.products import Products
from plaid.model.sandbox_public_token_create_request import SandboxPublicTokenCreateRequest

from pattern.app.factory import create_app
from pattern.kit.config import Settings
from pattern.plaid.client import plaid_credentials
from plaid_emulator.testing import serve_in_thread


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_sdk_links_an_item_through_the_mounted_emulator(settings: Settings) -> None:
    app = create_app(settings)
    with serve_in_thread(app) as server:
        client_id, secret = plaid_credentials(settings, app.parts.secrets)
        configuration = plaid.Configuration(
            host=f"{server.url}/plaid-emulator", api_key={"clientId": client_id, "secret": secret}
        )
        client = plaid_api.PlaidApi(plaid.ApiClient(configuration))
        institution = client.institutions_get_by_id(
            InstitutionsGetByIdRequest(
                institution_id="ins_109508", country_codes=[CountryCode("US")]
            )
        )
        assert institution.institution.name == "First Platypus Bank"
        public = client.sandbox_public_token_create(
            SandboxPublicTokenCreateRequest(
                institution_id="ins_109508", initial_products=[Products("transactions")]
            )
        )
        exchanged = client.item_public_token_exchange(
            ItemPublicTokenExchangeRequest(public_token=public.public_token)
        )
        assert exchanged.access_token.startswith("access-")
        server.call(app.close())
    assert settings.emulator_state_file.exists()
