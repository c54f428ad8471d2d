"""Plaid's Sandbox institutions and their optional metadata."""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

_US_PRODUCTS = (
    "assets",
    "auth",
    "balance",
    "identity",
    "income_verification",
    "investments",
    "liabilities",
    "signal",
    "transactions",
    "recurring_transactions",
    "transfer",
)
_EU_PRODUCTS = ("assets", "auth", "balance", "identity", "payment_initiation", "transactions")


@dataclass(frozen=True)
class Institution:
    institution_id: str
    name: str
    country_codes: tuple[str, ...]
    oauth: bool
    primary_color: str
    url: str
    routing_numbers: tuple[str, ...] = ()
    products: tuple[str, ...] = _US_PRODUCTS

    def to_plaid(self, *, include_optional_metadata: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {
            "institution_id": self.institution_id,
            "name": self.name,
            "products": list(self.products),
            "country_codes": list(self.country_codes),
            "routing_numbers": list(self.routing_numbers),
            "dtc_numbers": [],
            "oauth": self.oauth,
            "connection_availability": "SUPPORTED",
            "status": None,
            "payment_initiation_metadata": None,
            "auth_metadata": None,
            "url": None,
            "primary_color": None,
            "logo": None,
        }
        if include_optional_metadata:
            body["url"] = self.url
            body["primary_color"] = self.primary_color
            body["logo"] = logo_png_base64(self.primary_color)
        return body


INSTITUTIONS: tuple[Institution, ...] = (
    Institution(
        "ins_109508",
        "First Platypus Bank",
        ("US",),
        False,
        "#1f1f1f",
        "https://www.platypus.example",
        ("011401533", "021200339"),
    ),
    Institution(
        "ins_130016",
        "First Platypus Balance Bank",
        ("US",),
        False,
        "#2a6f97",
        "https://balance.platypus.example",
        ("011401534",),
    ),
    Institution(
        "ins_109509",
        "First Gingham Credit Union",
        ("US",),
        False,
        "#d62828",
        "https://www.gingham.example",
        ("011401535",),
    ),
    Institution(
        "ins_109510",
        "Tattersall Federal Credit Union",
        ("US",),
        False,
        "#3a5a40",
        "https://www.tattersall.example",
        ("011401536",),
    ),
    Institution(
        "ins_109511",
        "Tartan Bank",
        ("US",),
        False,
        "#6a040f",
        "https://www.tartan.example",
        ("011401537",),
    ),
    Institution(
        "ins_109512",
        "Houndstooth Bank",
        ("US",),
        False,
        "#212529",
        "https://www.houndstooth.example",
        ("011401538",),
    ),
    Institution(
        "ins_43",
        "Tartan-Dominion Bank of Canada",
        ("CA",),
        False,
        "#9d0208",
        "https://www.tartan-dominion.example",
    ),
    Institution(
        "ins_116834",
        "Flexible Platypus Open Banking",
        ("GB",),
        True,
        "#0077b6",
        "https://openbanking.platypus.example",
        products=_EU_PRODUCTS,
    ),
    Institution(
        "ins_117650",
        "Royal Bank of Plaid",
        ("GB",),
        False,
        "#03045e",
        "https://www.royalbankofplaid.example",
        products=_EU_PRODUCTS,
    ),
    Institution(
        "ins_127287",
        "Platypus OAuth Bank",
        ("US",),
        True,
        "#0a9396",
        "https://oauth.platypus.example",
        ("011401539",),
    ),
    Institution(
        "ins_132241",
        "First Platypus OAuth App2App Bank",
        ("US",),
        True,
        "#005f73",
        "https://app2app.platypus.example",
        ("011401540",),
    ),
    Institution(
        "ins_117181",
        "Flexible Platypus Open Banking (QR)",
        ("GB",),
        True,
        "#48cae4",
        "https://qr.platypus.example",
        products=_EU_PRODUCTS,
    ),
    Institution(
        "ins_135858",
        "Windowpane Bank",
        ("US",),
        False,
        "#ffb703",
        "https://www.windowpane.example",
        ("011401541",),
    ),
    Institution(
        "ins_109513",
        "Theoretical Bank",
        ("US",),
        False,
        "#8338ec",
        "https://www.theoretical.example",
        ("011401542",),
    ),
)

BY_ID: dict[str, Institution] = {i.institution_id: i for i in INSTITUTIONS}


def find(
    *,
    country_codes: list[str],
    products: list[str] | None = None,
    oauth: bool | None = None,
    routing_numbers: list[str] | None = None,
    query: str | None = None,
) -> list[Institution]:
    """Institutions matching every given filter, in a stable order."""
    wanted_countries = set(country_codes)
    result = []
    for inst in INSTITUTIONS:
        if not wanted_countries.intersection(inst.country_codes):
            continue
        if products and not set(products).issubset(inst.products):
            continue
        if oauth is not None and inst.oauth != oauth:
            continue
        if routing_numbers and not set(routing_numbers).intersection(inst.routing_numbers):
            continue
        if query and query.lower() not in inst.name.lower():
            continue
        result.append(inst)
    return result


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@cache
def logo_png_base64(hex_color: str, size: int = 32) -> str:
    """A solid square PNG in the institution's colour: a valid logo without shipping files."""
    rgb = bytes.fromhex(hex_color.lstrip("#"))
    row = b"\x00" + rgb * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(row * size))
        + _png_chunk(b"IEND", b"")
    )
    return base64.b64encode(png).decode()
