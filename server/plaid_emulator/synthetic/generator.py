"""Pure functions from (seed, key) to account and transaction data.

Nothing generated is stored: the same seed and key always give the same result, so
an item's whole history can be rebuilt page by page from its seed and mutation log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from plaid_emulator.ids import stable_object_id
from plaid_emulator.synthetic import catalog
from plaid_emulator.synthetic.catalog import Merchant

HISTORY_DAYS = 730
PENDING_DAYS = 2
INITIAL_UPDATE_DAYS = 30


@dataclass(frozen=True)
class Core:
    """The parts of a transaction that balances need, cheap to compute."""

    slot: str
    amount_cents: int  # Plaid's sign: positive is money out of the account
    merchant: Merchant
    store_number: int


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(f"{seed}:" + ":".join(str(p) for p in parts))


class _Draws:
    """Uniform draws from one SHA-256 digest: ~1 µs, where seeding a random.Random costs
    ~10 µs, which adds up when every rendered transaction needs its own details."""

    __slots__ = ("_bits",)

    def __init__(self, seed: int, kind: str, key: str) -> None:
        digest = hashlib.sha256(f"{seed}:{kind}:{key}".encode()).digest()
        self._bits = int.from_bytes(digest, "big")

    def below(self, n: int) -> int:
        """0 <= result < n (the bias is nil while the draws take far fewer than 256 bits)."""
        self._bits, result = divmod(self._bits, n)
        return result

    def between(self, low: int, high: int) -> int:
        """low <= result < high, as random.randrange."""
        return low + self.below(high - low)

    def uniform(self, low: float, high: float, places: int) -> float:
        """low <= result <= high, rounded to `places` decimals."""
        scale: int = 10**places
        steps = round((high - low) * scale)
        return round(low + self.below(steps + 1) / scale, places)


def _cents(rng: random.Random, merchant: Merchant) -> int:
    if merchant.low == merchant.high:
        return round(merchant.low * 100)
    return round(rng.uniform(merchant.low, merchant.high) * 100)


def core(seed: int, content_key: str) -> Core:
    """A random purchase: what fills every slot of the history that the plan (plan.py, for
    pay, bills, subscriptions and transfers) does not take."""
    rng = _rng(seed, "content", content_key)
    store = rng.randrange(100, 9999)
    merchant = catalog.SPENDING[rng.randrange(len(catalog.SPENDING))]
    slot = "checking" if rng.random() < 0.45 else "credit"
    return Core(slot, _cents(rng, merchant), merchant, store)


def modified_cents(seed: int, key: str, cents: int, modifications: int) -> int:
    """Each modification nudges the amount, as a merchant's final charge might."""
    for n in range(1, modifications + 1):
        factor = 1 + _rng(seed, "modify", key, n).uniform(0.05, 0.2)
        cents = round(cents * factor)
    return cents


def base_date(anchor: date, count: int, index: int, days: int = HISTORY_DAYS) -> date:
    """Base history spreads `count` transactions evenly over the `days` days before anchor
    (the item's days_requested; two years, Plaid's maximum, unless said otherwise)."""
    days_back = days - (index * (days + 1)) // count
    return anchor - timedelta(days=days_back)


def first_index_on_or_after(anchor: date, count: int, day: date, days: int = HISTORY_DAYS) -> int:
    """Smallest base index whose date is >= day (dates grow with the index)."""
    lo, hi = 0, count
    while lo < hi:
        mid = (lo + hi) // 2
        if base_date(anchor, count, mid, days) < day:
            lo = mid + 1
        else:
            hi = mid
    return lo


@lru_cache(maxsize=4096)
def account_id(seed: int, slot: str) -> str:
    return stable_object_id(seed, "account", slot)


@lru_cache(maxsize=256)
def merchant_entity_id(merchant_name: str) -> str:
    return stable_object_id("merchant", merchant_name)


def transaction_id(seed: int, key: str) -> str:
    return stable_object_id(seed, "transaction", key)


@lru_cache(maxsize=256)
def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


@lru_cache(maxsize=256)
def _logo_url(merchant_name: str) -> str:
    """One logo a merchant, as Plaid's: its name and a number of Plaid's own."""
    number = int(hashlib.sha256(merchant_name.encode()).hexdigest()[:8], 16) % 9000 + 1000
    return f"https://plaid-merchant-logos.plaid.com/{_slug(merchant_name)}_{number}.png"


_STREETS = ("Main", "Oak", "Market", "Elm")


def _location(draws: _Draws, merchant: Merchant, store: int) -> dict[str, Any]:
    if merchant.city is None:
        return dict.fromkeys(
            ("address", "city", "region", "postal_code", "country", "lat", "lon", "store_number")
        )
    return {
        "address": f"{draws.between(10, 9999)} {_STREETS[draws.below(4)]} St",
        "city": merchant.city,
        "region": merchant.region,
        "postal_code": f"{draws.between(10000, 99999)}",
        "country": "US",
        "lat": draws.uniform(25, 48, 6),
        "lon": draws.uniform(-122, -71, 6),
        "store_number": str(store),
    }


def _counterparties(merchant: Merchant, logo_url: str | None) -> list[dict[str, Any]]:
    if merchant.merchant_name is None:
        return []
    return [
        {
            "name": merchant.merchant_name,
            "type": "merchant",
            "logo_url": logo_url,
            "website": merchant.website,
            "entity_id": merchant_entity_id(merchant.merchant_name),
            "confidence_level": merchant.confidence,
        }
    ]


@dataclass(frozen=True)
class Rendering:
    seed: int
    key: str
    content_key: str
    date: dt.date
    pending: bool
    pending_transaction_id: str | None
    authorized_date: dt.date
    modifications: int


def _fields(r: Rendering, c: Core) -> dict[str, Any]:
    """What differs between two transactions of one merchant."""
    m = c.merchant
    draws = _Draws(r.seed, "details", r.content_key)
    cents = modified_cents(r.seed, r.key, c.amount_cents, r.modifications)
    # A time of day in UTC, as datetime.isoformat() writes it: "T07:05:09Z".
    at = f"T{draws.between(7, 22):02d}:{draws.below(60):02d}:{draws.below(60):02d}Z"
    day = r.date.isoformat()
    authorized_day = r.authorized_date.isoformat()
    return {
        "account_id": account_id(r.seed, c.slot),
        "amount": cents / 100,
        "date": day,
        "datetime": None if r.pending else day + at,
        "authorized_date": authorized_day,
        "authorized_datetime": authorized_day + at,
        "location": _location(draws, m, c.store_number),
        "name": m.statement_name.replace("{n}", str(c.store_number)),
        "logo_url": _logo_url(m.merchant_name) if m.merchant_name else None,
        "pending": r.pending,
        "pending_transaction_id": r.pending_transaction_id,
        "transaction_id": transaction_id(r.seed, r.key),
    }


def _shape(
    m: Merchant, f: dict[str, Any], include_original_description: bool, pfc_version: str | None
) -> dict[str, Any]:
    txn: dict[str, Any] = {
        "account_id": f["account_id"],
        "account_owner": None,
        "amount": f["amount"],
        "iso_currency_code": "USD",
        "unofficial_currency_code": None,
        "category": list(m.category),
        "category_id": m.category_id,
        "check_number": None,
        "counterparties": _counterparties(m, f["logo_url"]),
        "date": f["date"],
        "datetime": f["datetime"],
        "authorized_date": f["authorized_date"],
        "authorized_datetime": f["authorized_datetime"],
        "location": f["location"],
        "name": f["name"],
        "merchant_name": m.merchant_name,
        "merchant_entity_id": merchant_entity_id(m.merchant_name) if m.merchant_name else None,
        "logo_url": f["logo_url"],
        "website": m.website,
        "payment_meta": dict.fromkeys(
            (
                "by_order_of",
                "payee",
                "payer",
                "payment_method",
                "payment_processor",
                "ppd_id",
                "reason",
                "reference_number",
            )
        ),
        "payment_channel": m.channel,
        "pending": f["pending"],
        "pending_transaction_id": f["pending_transaction_id"],
        "personal_finance_category": {
            "primary": m.pfc_primary,
            "detailed": m.pfc_detailed,
            "confidence_level": m.confidence,
            # Only when asked for: the catalog's categories are in both taxonomies.
            **({"version": pfc_version} if pfc_version else {}),
        },
        "personal_finance_category_icon_url": (
            f"https://plaid-category-icons.plaid.com/PFC_{m.pfc_primary}.png"
        ),
        "transaction_id": f["transaction_id"],
        "transaction_code": m.transaction_code,
        "transaction_type": "place" if m.channel == "in store" else "special",
    }
    if include_original_description:
        txn["original_description"] = f["name"]
    return txn


def render(
    r: Rendering,
    *,
    include_original_description: bool = False,
    pfc_version: str | None = None,
    content: Core | None = None,
) -> dict[str, Any]:
    """A transaction in the full shape /transactions/sync and /transactions/get return.

    `content` is core(r.seed, r.content_key) when the caller already has it."""
    c = content or core(r.seed, r.content_key)
    return _shape(c.merchant, _fields(r, c), include_original_description, pfc_version)


# render_json() fills a per-merchant JSON template: ~4x faster than building the dict
# and encoding it, for the same text as json.dumps(render(...), separators=(",", ":")).
_LOCATED = ("address", "postal_code", "lat", "lon", "store_number")


def _mark(name: str) -> str:
    return f"\x00{name}\x00"


@lru_cache(maxsize=512)
def _template(m: Merchant, include_original_description: bool, pfc_version: str | None) -> str:
    marks: dict[str, Any] = {
        name: _mark(name)
        for name in (
            "account_id",
            "amount",
            "date",
            "datetime",
            "authorized_date",
            "authorized_datetime",
            "name",
            "logo_url",
            "pending",
            "pending_transaction_id",
            "transaction_id",
        )
    }
    location = dict.fromkeys(
        ("address", "city", "region", "postal_code", "country", "lat", "lon", "store_number")
    )
    if m.city is not None:
        location.update(city=m.city, region=m.region, country="US")
        location.update({name: _mark(name) for name in _LOCATED})
    marks["location"] = location
    shape = _shape(m, marks, include_original_description, pfc_version)
    text = json.dumps(shape, separators=(",", ":"))
    # A %-format: parsed faster than str.format's, which matters at 1.5 KB a transaction.
    return re.sub(r'"\\u0000(\w+)\\u0000"', r"%(\1)s", text.replace("%", "%%"))


_quote = json.encoder.encode_basestring_ascii  # what json.dumps does to a str, in C


def _quote_or_null(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def render_json(
    r: Rendering,
    *,
    include_original_description: bool = False,
    pfc_version: str | None = None,
    content: Core | None = None,
) -> str:
    """render() as compact JSON text."""
    c = content or core(r.seed, r.content_key)
    f = _fields(r, c)
    values = {
        "account_id": _quote(f["account_id"]),
        "amount": repr(f["amount"]),
        "date": _quote(f["date"]),
        "datetime": _quote_or_null(f["datetime"]),
        "authorized_date": _quote(f["authorized_date"]),
        "authorized_datetime": _quote(f["authorized_datetime"]),
        "name": _quote(f["name"]),
        "logo_url": _quote_or_null(f["logo_url"]),
        "pending": "true" if f["pending"] else "false",
        "pending_transaction_id": _quote_or_null(f["pending_transaction_id"]),
        "transaction_id": _quote(f["transaction_id"]),
    }
    if c.merchant.city is not None:
        location = f["location"]
        values.update(
            address=_quote(location["address"]),
            postal_code=_quote(location["postal_code"]),
            lat=repr(location["lat"]),
            lon=repr(location["lon"]),
            store_number=_quote(location["store_number"]),
        )
    return _template(c.merchant, include_original_description, pfc_version) % values


def authorization_lag_days(seed: int, key: str) -> int:
    """Days between a card authorization and the transaction posting."""
    return (0, 1, 1, 2)[_Draws(seed, "lag", key).below(4)]
