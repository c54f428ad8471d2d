from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Timestamps

# The fields a person may edit, each with the column keeping Plaid's value beside it. A
# field whose value differs from Plaid's on a manually updated row is the person's: a sync
# keeps it, and a posted transaction takes it over from its pending one. The others follow
# Plaid (a renamed pending transaction still takes its posted date). A value a rule set
# also differs from Plaid's, so on a manually updated row it stays as the rule left it.
EDITABLE_ORIGINALS = {
    "name": "original_name",
    "category": "original_category",
    "subcategory": "original_subcategory",
    "date": "original_date",
}

# The text the search looks into, as one lower-case string; the trigram index is on it.
SEARCH_TEXT = (
    "lower(coalesce(name, '') || ' ' || coalesce(merchant_name, '') || ' ' "
    "|| coalesce(category, '') || ' ' || coalesce(subcategory, '') || ' ' "
    "|| coalesce(note, '') || ' ' || coalesce(tags, ''))"
)

# A tag is one word of letters, digits, '-' and '_' (so a search can say tag:name).
TAG = r"^[\w-]{1,40}$"
MAX_TAGS = 20


def tags_text(tags: list[str]) -> str | None:
    """Tags as stored: in the person's order, one space apart, each once (any case)."""
    kept: dict[str, str] = {}
    for tag in tags:
        kept.setdefault(tag.lower(), tag)
    return " ".join(kept.values()) or None


def tag_list(text: str | None) -> list[str]:
    return text.split() if text else []


class Transaction(Timestamps, Base):
    """A Plaid transaction, with the person's edits kept beside the original values."""

    __tablename__ = "transactions"
    __table_args__ = (
        Index("ix_transactions_account_date", "account_id", "date"),
        # A user's lists, newest first, and their totals (migration 0004).
        Index("ix_transactions_user_list", "user_id", "hidden", "date", "id"),
        Index("ix_transactions_user_amount", "user_id", "hidden", "amount", "id"),
        # The search's trigram index (migration 0003); PostgreSQL only.
        Index(
            "ix_transactions_search_text",
            text(f"({SEARCH_TEXT}) gin_trgm_ops"),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    # The owner, copied from the account's item (which never changes hands) so that a
    # user's rows are found, sorted and counted without joining accounts and items. No
    # foreign key: the account's removes the rows with the user's items, and a second
    # check per inserted row slowed the sync (migration 0006).
    user_id: Mapped[int]
    # Opaque, compared only for equality: bytewise on PostgreSQL (migration 0006).
    plaid_transaction_id: Mapped[str] = mapped_column(
        String(255).with_variant(String(255, collation="C"), "postgresql"), unique=True
    )
    pending_transaction_id: Mapped[str | None] = mapped_column(String(255))
    plaid_category_id: Mapped[str | None] = mapped_column(String(32))
    # The category people see, filter, budget and write rules on: Plaid's personal finance
    # category, primary ("FOOD_AND_DRINK") and detailed ("FOOD_AND_DRINK_GROCERIES"), as the
    # person's rules and edits left them; Plaid's own in original_category/_subcategory.
    category: Mapped[str | None] = mapped_column(String(255))
    subcategory: Mapped[str | None] = mapped_column(String(255))
    personal_finance_confidence: Mapped[str | None] = mapped_column(String(32))
    # Plaid's deprecated legacy category[] ('["Travel", "Airlines and Aviation Services"]'),
    # kept as the JSON text Plaid sent (migration 0013).
    legacy_categories: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(32))
    # The bank's raw description ("DELTA AIR 8544"); the person may rename it.
    name: Mapped[str] = mapped_column(String(512))
    # The merchant as Plaid cleaned it up ("Delta Air Lines"), with its logo and website.
    merchant_name: Mapped[str | None] = mapped_column(String(255))
    merchant_entity_id: Mapped[str | None] = mapped_column(String(64))
    logo_url: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(255))
    # Plaid's counterparties[] (merchants, marketplaces, payment apps...), as sent.
    counterparties: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal]
    iso_currency_code: Mapped[str | None] = mapped_column(String(8))
    unofficial_currency_code: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[dt.date]
    authorized_date: Mapped[dt.date | None]
    pending: Mapped[bool] = mapped_column(default=False)
    account_owner: Mapped[str | None] = mapped_column(String(255))
    original_name: Mapped[str | None] = mapped_column(String(512))
    original_category: Mapped[str | None] = mapped_column(String(255))
    original_subcategory: Mapped[str | None] = mapped_column(String(255))
    original_date: Mapped[dt.date | None]
    manually_updated: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    # The person's own, never Plaid's: kept through every sync (pending to posted too).
    note: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[str | None] = mapped_column(Text)  # tags_text()
    # The number of the sync pagination that last wrote it (pattern.sync.pagination).
    sync_pagination: Mapped[int] = mapped_column(default=0, server_default="0")
