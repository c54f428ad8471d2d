"""Which host names this server answers to, and which origins may change its data.

A web page can make its own host name resolve to 127.0.0.1 (DNS rebinding) and then talk
to a server on this machine as if it were that server's own page: the browser believes
both are one site. Answering only to the names people actually use (loopback, PUBLIC_URL's
host and ALLOWED_HOSTS) leaves such a page nothing to talk to.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

# RFC 6761: browsers resolve these, and every name under .localhost, to this machine.
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


# A Host header: a name or IPv4 address, or an IPv6 address in brackets, and a port.
_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?")


def host_name(host_header: str) -> str | None:
    """The name in a Host header ("Example.org:5001", "[::1]:5001"), lowercased, or None
    when it is not a plain host (no user part, no path)."""
    if not _HOST.fullmatch(host_header):
        return None
    try:
        name = urlsplit(f"//{host_header}").hostname
    except ValueError:
        return None
    return name.rstrip(".") if name else None


def is_loopback(name: str) -> bool:
    if name in _LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class AllowedHosts:
    """The host names requests may be addressed to; `*` among them allows any."""

    def __init__(self, names: Iterable[str]) -> None:
        cleaned = {name.strip().lower().rstrip(".") for name in names if name.strip()}
        self.any = "*" in cleaned
        self.names = frozenset(cleaned - {"*"})

    @classmethod
    def of(cls, setting: str, public_url: str) -> AllowedHosts:
        names = setting.split(",")
        if public_url:
            names.append(urlsplit(public_url).hostname or "")
        return cls(names)

    def allows(self, host_header: str | None) -> bool:
        name = host_name(host_header) if host_header else None
        if name is None:
            return False
        return self.any or is_loopback(name) or name in self.names

    def allows_origin(self, origin: str, host_header: str | None) -> bool:
        """A page's own origin: served from this host (name and port) over HTTP(S)."""
        scheme, _, netloc = origin.rstrip("/").partition("://")
        return (
            scheme in {"http", "https"}
            and host_header is not None
            and netloc.lower() == host_header.lower()
            and self.allows(netloc)
        )
