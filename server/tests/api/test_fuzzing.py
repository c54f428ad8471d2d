"""schemathesis against the app's own OpenAPI schema, logged in, with a linked bank: no 5xx.

Generated requests (valid and invalid) reach every operation except the ones that would
end the fuzzer's own session (log-out, refresh, deleting its user).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pattern.auth.cookies import ACCESS_COOKIE
from tests.support.plaid_stack import Stack, add_bank, signed_up

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.reliability,
]


async def test_no_generated_request_causes_a_server_error(stack: Stack, tmp_path: Path) -> None:
    st = shutil.which("st", path=str(Path(sys.executable).parent))
    assert st, "schemathesis is a dev dependency"
    async with stack.client() as http:
        await signed_up(http, "alice")
        await add_bank(http, stack)
        stack.settle()
        cookie = f"Cookie: {ACCESS_COOKIE}={http.cookies[ACCESS_COOKIE]}"
    result = subprocess.run(
        [
            st,
            "run",
            f"{stack.url}/api/openapi.json",
            "--checks",
            "not_a_server_error",
            "--phases",
            "examples,fuzzing",
            "--max-examples",
            "8",
            "--seed",
            "20261125",
            "--workers",
            "1",
            "--header",
            cookie,
            "--exclude-path-regex",
            r"^/api/(sessions|users/\{user_id\}$)",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    summary = result.stdout[-3000:]
    assert result.returncode == 0, summary
    assert "Server error" not in result.stdout, summary
    generated = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert generated, summary
    assert int(generated.group(1)) >= 200  # the run really exercised the API
    assert generated.group(1) == generated.group(2)
