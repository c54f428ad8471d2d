"""/institutions/* through the SDK."""

from __future__ import annotations

import base64
import json

import plaid
import pytest
from plaid.api import plaid_api
from plaid.model.country_code import CountryCode
from plaid.model.institutions_get_by_id_request import InstitutionsGetByIdRequest
from plaid.model.institutions_get_by_id_request_options import InstitutionsGetByIdRequestOptions
from plaid.model.institutions_get_request import InstitutionsGetRequest
from plaid.model.institutions_get_request_options import InstitutionsGetRequestOptions
from plaid.model.institutions_search_request import InstitutionsSearchRequest

US = [CountryCode("US")]


def test_get_by_id_with_metadata(client: plaid_api.PlaidApi) -> None:
    inst = client.institutions_get_by_id(
        InstitutionsGetByIdRequest(
            institution_id="ins_109508",
            country_codes=US,
            options=InstitutionsGetByIdRequestOptions(include_optional_metadata=True),
        )
    ).institution
    assert inst.name == "First Platypus Bank"
    assert inst.oauth is False
    assert base64.b64decode(inst.logo).startswith(b"\x89PNG")
    assert inst.primary_color.startswith("#")
    assert inst.url.startswith("https://")
    oauth = client.institutions_get_by_id(
        InstitutionsGetByIdRequest(institution_id="ins_127287", country_codes=US)
    ).institution
    assert oauth.oauth is True
    assert oauth.get("logo") is None


def test_unknown_institution(client: plaid_api.PlaidApi) -> None:
    with pytest.raises(plaid.ApiException) as err:
        client.institutions_get_by_id(
            InstitutionsGetByIdRequest(institution_id="ins_nope", country_codes=US)
        )
    assert json.loads(err.value.body)["error_code"] == "INVALID_INSTITUTION"


def test_get_paging_and_filters(client: plaid_api.PlaidApi) -> None:
    page = client.institutions_get(InstitutionsGetRequest(count=3, offset=0, country_codes=US))
    assert len(page.institutions) == 3
    assert page.total > 3
    rest = client.institutions_get(InstitutionsGetRequest(count=500, offset=3, country_codes=US))
    assert len(rest.institutions) == page.total - 3
    oauth = client.institutions_get(
        InstitutionsGetRequest(
            count=10, offset=0, country_codes=US, options=InstitutionsGetRequestOptions(oauth=True)
        )
    )
    assert {i.institution_id for i in oauth.institutions} >= {"ins_127287"}
    assert all(i.oauth for i in oauth.institutions)


def test_search(client: plaid_api.PlaidApi) -> None:
    found = client.institutions_search(
        InstitutionsSearchRequest(query="platypus", country_codes=US)
    ).institutions
    assert "ins_109508" in {i.institution_id for i in found}
    assert all("platypus" in i.name.lower() for i in found)
