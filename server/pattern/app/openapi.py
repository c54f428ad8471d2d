"""The API's OpenAPI schema as JSON, from which the web client's types are generated.

    python -m pattern.app.openapi > client/src/api/openapi.json   (or: make api-types)

It needs no server, database or settings: only the routes. The output is deterministic
(sorted keys, two-space indents, a final newline), so the checked-in copy changes only
when the API does; `make lint` writes it again and compares.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from fastapi import FastAPI

from pattern.app.routes import OPENAPI_URL, SUMMARY, TITLE, api_router


def openapi_schema() -> dict[str, Any]:
    """The schema the server serves at /api/openapi.json."""
    app = FastAPI(title=TITLE, summary=SUMMARY, openapi_url=OPENAPI_URL)
    app.include_router(api_router())
    return app.openapi()


def openapi_json() -> str:
    return json.dumps(openapi_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    # Bytes, so the console's locale cannot change a character of it.
    sys.stdout.buffer.write(openapi_json().encode())


if __name__ == "__main__":
    main()
