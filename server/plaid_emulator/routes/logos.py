"""The emulator's copy of Plaid's logo hosts, so that logos work offline.

The data carries logo URLs on Plaid's own hosts, as Plaid's do
(https://plaid-merchant-logos.plaid.com/walmart_1234.png); GET /logos/<host>/<file>.png
answers, for those hosts only, a small PNG in a colour of the file's name. A server
pointed at the emulator reads Plaid's logo hosts from here (pattern.transactions.logos).
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from plaid_emulator.institutions import logo_png_base64

HOSTS = frozenset({"plaid-merchant-logos.plaid.com", "plaid-category-icons.plaid.com"})


@lru_cache(maxsize=1024)
def logo_png(name: str) -> bytes:
    colour = hashlib.sha256(name.encode()).hexdigest()[:6]
    return base64.b64decode(logo_png_base64(colour))


async def logo(request: Request) -> Response:
    host, name = request.path_params["host"], request.path_params["name"]
    if host not in HOSTS or not name.endswith(".png") or "/" in name:
        return Response("Not Found", status_code=404, media_type="text/plain")
    return Response(
        logo_png(name), media_type="image/png", headers={"Cache-Control": "max-age=86400"}
    )


def routes() -> list[Route]:
    return [Route("/logos/{host}/{name:path}", logo, methods=["GET"])]
