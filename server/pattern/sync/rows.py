"""The rows a sync page becomes: accounts and transactions as the tables hold them.

Plain Python, no database: Plaid's fields in, column values out, with the person's rules
applied to new names and categories (the personal finance category, primary and
detailed; Plaid's legacy category[] is only kept) and their edits carried from a pending transaction
to the posted one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import msgspec

from pattern.categories.placement import NOWHERE, Placements
from pattern.models.transactions import EDITABLE_ORIGINALS
from pattern.plaid.sync_page import PersonalFinanceCategory, SyncTransaction
from pattern.rules.matching import Facts, Rule, labelled

JSON = dict[str, Any]

CENT = Decimal("0.01")

_NO_CATEGORY = PersonalFinanceCategory()
_NOTHING_LONGER = len(b"null")


def decimal_of(value: object) -> Decimal | None:
    """An amount from Plaid as the NUMERIC(.., 2) the tables hold."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value.quantize(CENT)
    # A float from the Plaid client: str() gives its shortest form, which is the amount
    # Plaid sent (at most 15 significant digits), so this is exact.
    return Decimal(str(value)).quantize(CENT)


def json_text(raw: msgspec.Raw) -> str | None:
    """Plaid's JSON as the text stored; None for a field absent, null or an empty list
    (b"", b"null", b"[]": no JSON of more than four characters is empty)."""
    return str(raw, "utf-8") if len(raw) > _NOTHING_LONGER else None


def account_row(item_id: int, account: JSON, now: datetime) -> JSON:
    balances = account.get("balances") or {}
    return {
        "item_id": item_id,
        "plaid_account_id": account["account_id"],
        "name": account.get("name") or "Account",
        "mask": account.get("mask"),
        "official_name": account.get("official_name"),
        "current_balance": decimal_of(balances.get("current")),
        "available_balance": decimal_of(balances.get("available")),
        "credit_limit": decimal_of(balances.get("limit")),
        "iso_currency_code": balances.get("iso_currency_code"),
        "unofficial_currency_code": balances.get("unofficial_currency_code"),
        "type": str(account.get("type") or "other"),
        "subtype": account.get("subtype"),
        "closed": False,
        "created_at": now,
        "updated_at": now,
    }


def transaction_row(
    tx: SyncTransaction,
    *,
    user_id: int,
    account_id: int,
    rules: Sequence[Rule],
    placements: Placements = NOWHERE,
    edits: JSON | None,
    pagination: int,
    now: datetime,
) -> JSON:
    """`edits`: the person's edits of the pending transaction `tx` posts, if any;
    `pagination`: the number of the pagination writing it (pattern.sync.pagination)."""
    pfc = tx.personal_finance_category or _NO_CATEGORY
    facts = _facts(tx, pfc, account_id)
    original_date = tx.date
    name, category, subcategory = labelled(rules, placements, facts)
    row: JSON = {
        "user_id": user_id,
        "account_id": account_id,
        "plaid_transaction_id": tx.transaction_id,
        "pending_transaction_id": tx.pending_transaction_id,
        "plaid_category_id": tx.category_id,
        "personal_finance_confidence": pfc.confidence_level,
        "legacy_categories": json_text(tx.category),
        "type": tx.payment_channel,
        "merchant_name": tx.merchant_name,
        "merchant_entity_id": tx.merchant_entity_id,
        "logo_url": tx.logo_url,
        "website": tx.website,
        "counterparties": json_text(tx.counterparties),
        "amount": facts.amount,
        "iso_currency_code": tx.iso_currency_code,
        "unofficial_currency_code": tx.unofficial_currency_code,
        "authorized_date": tx.authorized_date,
        "pending": tx.pending,
        "account_owner": tx.account_owner,
        "original_name": facts.name,
        "original_category": facts.category,
        "original_subcategory": facts.subcategory,
        "original_date": original_date,
        "name": name,
        "category": category,
        "subcategory": subcategory,
        "date": original_date,
        "manually_updated": False,
        "hidden": False,
        "note": None,
        "tags": None,
    }
    if edits:
        _carry_edits(row, edits)
    row["created_at"] = row["updated_at"] = now
    row["sync_pagination"] = pagination
    return row


def _facts(tx: SyncTransaction, pfc: PersonalFinanceCategory, account_id: int) -> Facts:
    """Plaid's values of `tx`, as the person's rules match them."""
    return Facts(
        name=tx.name or tx.merchant_name or "Unknown",
        category=pfc.primary,
        subcategory=pfc.detailed,
        merchant=tx.merchant_name,
        amount=decimal_of(tx.amount) or Decimal("0"),
        account_id=account_id,
    )


def _carry_edits(row: JSON, edits: JSON) -> None:
    row["hidden"] = edits["hidden"]
    row["note"], row["tags"] = edits["note"], edits["tags"]
    if edits["manually_updated"]:
        row["manually_updated"] = True
        row.update(
            {
                field: edits[field]
                for field, original in EDITABLE_ORIGINALS.items()
                if edits[field] != edits[original]  # the person's, not Plaid's
            }
        )
