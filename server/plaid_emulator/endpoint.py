"""Turns a handler into a Plaid-style POST endpoint: parse, authenticate, validate, answer."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from plaid_emulator import errors, faults, jsontext
from plaid_emulator.auth import check_credentials
from plaid_emulator.emulator import Emulator
from plaid_emulator.ids import request_id

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)
# Handlers are plain functions, or coroutines when they wait for work done off the loop.
Handler = Callable[[Emulator, M], dict[str, Any] | Awaitable[dict[str, Any]]]


def _field_name(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def validation_error(exc: ValidationError) -> errors.PlaidError:
    problems = exc.errors()
    missing = [_field_name(p["loc"]) for p in problems if p["type"] == "missing"]
    if missing:
        return errors.missing_fields(missing)
    unknown = [_field_name(p["loc"]) for p in problems if p["type"] == "extra_forbidden"]
    if unknown:
        return errors.unknown_fields(unknown)
    first = problems[0]
    return errors.invalid_field(f"{_field_name(first['loc'])}: {first['msg'].lower()}")


class PlaidJSONResponse(JSONResponse):
    """JSON in ASCII (see jsontext.encode); top-level RawJSON values are sent as they are."""

    def render(self, content: Any) -> bytes:
        return jsontext.encode(content)


def error_response(error: errors.PlaidError, rid: str) -> PlaidJSONResponse:
    return PlaidJSONResponse(error.body(rid), status_code=error.status)


async def read_json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        data = json.loads(raw) if raw else None
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise errors.invalid_body() from exc
    if not isinstance(data, dict):
        raise errors.invalid_body("request body must be a JSON object")
    return data


def plaid_route(emu: Emulator, path: str, model: type[M], handler: Handler[M]) -> Route:
    async def endpoint(request: Request) -> Response:
        rid = request_id()
        try:
            data = await read_json_object(request)
            check_credentials(emu.settings, request.headers, data)
            await faults.apply(emu.faults.take(path))
            try:
                body = model.model_validate(data)
            except ValidationError as exc:
                raise validation_error(exc) from exc
            outcome = handler(emu, body)
            result = outcome if isinstance(outcome, dict) else await outcome
        except errors.PlaidError as exc:
            log.info("%s -> %s %s", path, exc.status, exc.error_code)
            return error_response(exc, rid)
        except faults.BareStatus as exc:
            return Response(
                f"injected HTTP {exc.status}", status_code=exc.status, media_type="text/plain"
            )
        except Exception:
            log.exception("%s failed", path)
            return error_response(errors.internal_error(), rid)
        result["request_id"] = rid
        return PlaidJSONResponse(result)

    return Route(path, endpoint, methods=["POST"], name=path)
