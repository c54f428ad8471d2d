"""Pure functions from (seed, key) to account and transaction data.

Nothing generated is stored: the same seed and key always give the same result, so
an item's whole history can be rebuilt page by page from its seed and mutation log.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
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


def _cents(rng: random.Random, merchant: Merchant) -> int:
    if merchant.low == merchant.high:
        return round(merchant.low * 100)
    return round(rng.uniform(merchant.low, merchant.high) * 100)


def core(seed: int, content_key: str) -> Core:
    rng = _rng(seed, "content", content_key)
    roll = rng.random()
    store = rng.randrange(100, 9999)
    # Weights chosen so checking grows slowly and the card is paid off about as fast as used.
    if roll < 0.05:
        return Core("checking", -_cents(rng, catalog.PAYROLL), catalog.PAYROLL, store)
    if roll < 0.08:
        return Core("checking", _cents(rng, catalog.RENT), catalog.RENT, store)
    if roll < 0.12:
        m = catalog.CARD_PAYMENT_OUT
        return Core("checking", _cents(rng, m), m, store)
    if roll < 0.16:
        m = catalog.CARD_PAYMENT_IN
        return Core("credit", -_cents(rng, m), m, store)
    if roll < 0.18:
        return Core("checking", _cents(rng, catalog.TO_SAVINGS), catalog.TO_SAVINGS, store)
    if roll < 0.20:
        m = catalog.FROM_CHECKING
        return Core("savings", -_cents(rng, m), m, store)
    if roll < 0.21:
        return Core("savings", -_cents(rng, catalog.INTEREST), catalog.INTEREST, store)
    merchant = catalog.SPENDING[rng.randrange(len(catalog.SPENDING))]
    slot = "checking" if rng.random() < 0.45 else "credit"
    return Core(slot, _cents(rng, merchant), merchant, store)


def modified_cents(seed: int, key: str, cents: int, modifications: int) -> int:
    """Each modification nudges the amount, as a merchant's final charge might."""
    for n in range(1, modifications + 1):
        factor = 1 + _rng(seed, "modify", key, n).uniform(0.05, 0.2)
        cents = round(cents * factor)
    return cents


def base_date(anchor: date, count: int, index: int) -> date:
    """Base history spreads `count` transactions evenly over the two years before anchor."""
    days_back = HISTORY_DAYS - (index * (HISTORY_DAYS + 1)) // count
    return anchor - timedelta(days=days_back)


def first_index_on_or_after(anchor: date, count: int, day: date) -> int:
    """Smallest base index whose date is >= day (dates grow with the index)."""
    lo, hi = 0, count
    while lo < hi:
        mid = (lo + hi) // 2
        if base_date(anchor, count, mid) < day:
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


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _location(rng: random.Random, merchant: Merchant, store: int) -> dict[str, Any]:
    if merchant.city is None:
        return dict.fromkeys(
            ("address", "city", "region", "postal_code", "country", "lat", "lon", "store_number")
        )
    return {
        "address": f"{rng.randrange(10, 9999)} {rng.choice(['Main', 'Oak', 'Market', 'Elm'])} St",
        "city": merchant.city,
        "region": merchant.region,
        "postal_code": f"{rng.randrange(10000, 99999)}",
        "country": "US",
        "lat": round(rng.uniform(25, 48), 6),
        "lon": round(rng.uniform(-122, -71), 6),
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


def render(r: Rendering, *, include_original_description: bool = False) -> dict[str, Any]:
    """A transaction in the full shape /transactions/sync and /transactions/get return."""
    c = core(r.seed, r.content_key)
    m = c.merchant
    rng = _rng(r.seed, "details", r.content_key)
    cents = modified_cents(r.seed, r.key, c.amount_cents, r.modifications)
    statement = m.statement_name.replace("{n}", str(c.store_number))
    at = time(rng.randrange(7, 22), rng.randrange(60), rng.randrange(60))
    authorized_at = datetime.combine(r.authorized_date, at, tzinfo=UTC)
    posted_at = None if r.pending else datetime.combine(r.date, at, tzinfo=UTC)
    logo_url = (
        f"https://plaid-merchant-logos.plaid.com/{_slug(m.merchant_name)}_{c.store_number}.png"
        if m.merchant_name
        else None
    )
    txn: dict[str, Any] = {
        "account_id": account_id(r.seed, c.slot),
        "account_owner": None,
        "amount": cents / 100,
        "iso_currency_code": "USD",
        "unofficial_currency_code": None,
        "category": list(m.category),
        "category_id": m.category_id,
        "check_number": None,
        "counterparties": _counterparties(m, logo_url),
        "date": r.date.isoformat(),
        "datetime": posted_at.isoformat().replace("+00:00", "Z") if posted_at else None,
        "authorized_date": r.authorized_date.isoformat(),
        "authorized_datetime": authorized_at.isoformat().replace("+00:00", "Z"),
        "location": _location(rng, m, c.store_number),
        "name": statement,
        "merchant_name": m.merchant_name,
        "merchant_entity_id": merchant_entity_id(m.merchant_name) if m.merchant_name else None,
        "logo_url": logo_url,
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
        "pending": r.pending,
        "pending_transaction_id": r.pending_transaction_id,
        "personal_finance_category": {
            "primary": m.pfc_primary,
            "detailed": m.pfc_detailed,
            "confidence_level": m.confidence,
        },
        "personal_finance_category_icon_url": (
            f"https://plaid-category-icons.plaid.com/PFC_{m.pfc_primary}.png"
        ),
        "transaction_id": transaction_id(r.seed, r.key),
        "transaction_code": m.transaction_code,
        "transaction_type": "place" if m.channel == "in store" else "special",
    }
    if include_original_description:
        txn["original_description"] = statement
    return txn


def authorization_lag_days(seed: int, key: str) -> int:
    """Days between a card authorization and the transaction posting."""
    return _rng(seed, "lag", key).choice((0, 1, 1, 2))
