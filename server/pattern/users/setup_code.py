"""The one-time setup code that claims a new installation's administrator account.

Until an administrator exists, the first account needs this code: only someone who can
read the server's console (or its data folder) has it, so a web page that reaches the
server (or a neighbour on the network) cannot make itself the administrator.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from pathlib import Path

from pattern.kit.keys import read_or_create

logger = logging.getLogger(__name__)

FILE_NAME = "setup-code"
# No 0/O, 1/I/L: read off a console and typed by hand. 12 of 31 symbols: about 59 bits.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_GROUPS, _GROUP_LENGTH = 3, 4


def path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def _generate() -> str:
    groups = (
        "".join(secrets.choice(_ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS)
    )
    return "-".join(groups)


def _normalized(code: str) -> str:
    """Case, spaces and dashes do not matter to a person typing it."""
    return "".join(c for c in code.upper() if c.isascii() and c.isalnum())


def ensure(data_dir: Path) -> str:
    """The current code, made (owner-only) if there is none yet."""
    return read_or_create(path(data_dir), _generate())


def matches(data_dir: Path, given: str) -> bool:
    try:
        expected = path(data_dir).read_text().strip()
    except FileNotFoundError:
        return False
    return bool(expected) and hmac.compare_digest(
        _normalized(given).encode(), _normalized(expected).encode()
    )


def forget(data_dir: Path) -> None:
    """Once an administrator exists, the code opens nothing and is removed."""
    path(data_dir).unlink(missing_ok=True)


def announce(code: str, address: str, data_dir: Path) -> None:
    """Print the code where whoever started the server looks: its console or journal."""
    rule = "=" * 68
    logger.warning(
        "\n%s\n  Pattern has no administrator yet. Open %s in your browser\n"
        "  and create the administrator account with this setup code:\n\n"
        "      %s\n\n"
        "  (It is also in %s, readable by this server's user only.\n"
        "  Or create the account here: python -m pattern create-admin)\n%s",
        rule,
        address,
        code,
        path(data_dir),
        rule,
    )
