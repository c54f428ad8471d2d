"""/institutions/get, /institutions/get_by_id and /institutions/search."""

from __future__ import annotations

from typing import Any

from starlette.routing import Route

from plaid_emulator import errors, institutions
from plaid_emulator.emulator import Emulator
from plaid_emulator.endpoint import plaid_route
from plaid_emulator.schemas import (
    InstitutionsGet,
    InstitutionsGetById,
    InstitutionsOptions,
    InstitutionsSearch,
)


def _metadata(options: InstitutionsOptions | None) -> bool:
    return bool(options and options.include_optional_metadata)


def institutions_get(emu: Emulator, body: InstitutionsGet) -> dict[str, Any]:
    o = body.options
    found = institutions.find(
        country_codes=body.country_codes,
        products=o.products if o else None,
        oauth=o.oauth if o else None,
        routing_numbers=o.routing_numbers if o else None,
    )
    window = found[body.offset : body.offset + body.count]
    return {
        "institutions": [i.to_plaid(include_optional_metadata=_metadata(o)) for i in window],
        "total": len(found),
    }


def institutions_get_by_id(emu: Emulator, body: InstitutionsGetById) -> dict[str, Any]:
    inst = institutions.BY_ID.get(body.institution_id)
    if inst is None or not set(body.country_codes).intersection(inst.country_codes):
        raise errors.invalid_input("INVALID_INSTITUTION", "invalid institution_id provided")
    return {"institution": inst.to_plaid(include_optional_metadata=_metadata(body.options))}


def institutions_search(emu: Emulator, body: InstitutionsSearch) -> dict[str, Any]:
    o = body.options
    found = institutions.find(
        country_codes=body.country_codes,
        products=body.products,
        oauth=o.oauth if o else None,
        query=body.query,
    )
    return {
        "institutions": [i.to_plaid(include_optional_metadata=_metadata(o)) for i in found[:10]]
    }


def routes(emu: Emulator) -> list[Route]:
    return [
        plaid_route(emu, "/institutions/get", InstitutionsGet, institutions_get),
        plaid_route(emu, "/institutions/get_by_id", InstitutionsGetById, institutions_get_by_id),
        plaid_route(emu, "/institutions/search", InstitutionsSearch, institutions_search),
    ]
