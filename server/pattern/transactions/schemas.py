from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    field_validator,
    model_validator,
)

from pattern.kit import clock
from pattern.kit.schemas import MoneyIn, RequestBody, ResponseBody, RowId
from pattern.models.transactions import MAX_TAGS, TAG, tag_list
from pattern.transfers.schemas import TransferLink

EARLIEST_DATE = dt.date(1900, 1, 1)
# The ids a bulk edit may name (more: every transaction a list's filters match).
MAX_BULK_IDS = 10_000


class Counterparty(ResponseBody):
    """One of Plaid's counterparties of a transaction (its logo comes through `logo`)."""

    name: str
    type: str | None = None
    website: str | None = None
    entity_id: str | None = None
    confidence_level: str | None = None


def _json_list(value: Any) -> Any:
    """A JSON text column as the list it holds; a missing one as an empty list."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else value


def _stored_tags(value: Any) -> Any:
    """Tags as stored (one space apart) as their list."""
    return tag_list(value) if value is None or isinstance(value, str) else value


class SplitRead(ResponseBody):
    """One part of a split transaction (amount in Plaid's sign, as the transaction's)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    amount: Decimal
    category: str | None
    subcategory: str | None
    note: str | None
    tags: list[str]

    _tags = field_validator("tags", mode="before")(_stored_tags)


class TransactionRead(ResponseBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    account_id: int
    item_id: int
    account_name: str
    plaid_transaction_id: str
    pending_transaction_id: str | None
    name: str = Field(description="the bank's description, or the person's (or a rule's) name")
    merchant_name: str | None = Field(description="the merchant as Plaid cleaned it up")
    merchant_entity_id: str | None
    website: str | None
    counterparties: list[Counterparty]
    has_logo: bool = Field(description="Plaid gave a logo: GET `logo` serves it")
    amount: Decimal
    iso_currency_code: str | None
    unofficial_currency_code: str | None
    date: dt.date
    authorized_date: dt.date | None
    pending: bool
    category: str | None = Field(description="personal finance category, primary")
    subcategory: str | None = Field(description="personal finance category, detailed")
    personal_finance_confidence: str | None
    plaid_category_id: str | None
    legacy_categories: list[str] = Field(description="Plaid's deprecated category[], kept")
    type: str | None
    original_name: str | None = Field(description="the bank's raw description")
    original_category: str | None
    original_subcategory: str | None
    manually_updated: bool
    hidden: bool
    note: str | None = Field(description="the person's note")
    tags: list[str] = Field(description="the person's tags")
    transfer: TransferLink | None = Field(
        default=None, description="the transfer between the person's accounts it is part of"
    )
    splits: list[SplitRead] = Field(
        default_factory=list,
        description="its parts, summing to its amount, when split: counted in its place",
    )

    _lists = field_validator("counterparties", "legacy_categories", mode="before")(_json_list)

    _tags = field_validator("tags", mode="before")(_stored_tags)

    @computed_field(description="the name to show: the person's or a rule's, else the merchant's")
    def display_name(self) -> str:
        if self.name != self.original_name:
            return self.name
        return self.merchant_name or self.name

    @computed_field(description="the merchant's logo through this server, if Plaid gave one")
    def logo(self) -> str | None:
        return f"/api/transactions/{self.id}/logo" if self.has_logo else None


Tag = Annotated[str, StringConstraints(pattern=TAG)]


class TransactionUpdate(RequestBody):
    """A person's edit. Name, category, subcategory and date stay through later syncs, and
    so do the note and tags (which are the person's alone)."""

    name: str | None = Field(default=None, min_length=1, max_length=512)
    category: str | None = Field(default=None, max_length=255)
    subcategory: str | None = Field(default=None, max_length=255)
    date: dt.date | None = None
    hidden: bool | None = None
    note: str | None = Field(default=None, max_length=2000, description="empty or null: none")
    tags: list[Tag] | None = Field(
        default=None,
        max_length=MAX_TAGS,
        description="the whole set, replacing the old; each a word of letters, digits, - or _",
    )
    amount: MoneyIn | None = Field(
        default=None, description="a manual account's transaction only (409 for a bank's)"
    )

    @field_validator("note")
    @classmethod
    def _a_note_or_none(cls, value: str | None) -> str | None:
        return (value or "").strip() or None

    @field_validator("date")
    @classmethod
    def _a_plausible_date(cls, value: dt.date | None) -> dt.date | None:
        """Not before 1900, nor more than a year ahead (2099 is a slip, not a payment)."""
        latest = clock.today() + dt.timedelta(days=366)
        if value is not None and not EARLIEST_DATE <= value <= latest:
            raise ValueError(f"must be from {EARLIEST_DATE} to {latest}")
        return value

    @model_validator(mode="after")
    def _something_to_change(self) -> TransactionUpdate:
        if not self.model_fields_set:
            raise ValueError(
                "Give at least one of name, category, subcategory, date, hidden, note, tags, "
                "amount."
            )
        for name in ("name", "date", "hidden", "tags", "amount"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class BulkChanges(RequestBody):
    """What a bulk edit sets on every transaction it reaches: a category (an edit kept
    through syncs, as one made alone), hidden or shown, tags added or removed."""

    category: str | None = Field(default=None, max_length=255)
    subcategory: str | None = Field(default=None, max_length=255)
    hidden: bool | None = None
    add_tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)
    remove_tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)

    @model_validator(mode="after")
    def _something_to_change(self) -> BulkChanges:
        if not (self.model_fields_set - {"add_tags", "remove_tags"}) and not (
            self.add_tags or self.remove_tags
        ):
            raise ValueError(
                "Give at least one of category, subcategory, hidden, add_tags, remove_tags."
            )
        if "hidden" in self.model_fields_set and self.hidden is None:
            raise ValueError("hidden cannot be null")
        return self


class BulkEdit(RequestBody):
    ids: list[RowId] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_BULK_IDS,
        description="only these, of those the list's filters match; none: every match",
    )
    changes: BulkChanges


class BulkEdited(ResponseBody):
    updated: int = Field(description="how many transactions the edit reached")


class CategoryRead(ResponseBody):
    category: str
    subcategories: list[str]
