from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, Timestamps


class Item(Timestamps, Base):
    """A Plaid item: one login at one institution. The access token is encrypted."""

    __tablename__ = "items"
    # One item per institution per user; also what makes two racing links end as one item.
    __table_args__ = (UniqueConstraint("user_id", "plaid_institution_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    plaid_access_token_encrypted: Mapped[str] = mapped_column(Text)
    plaid_item_id: Mapped[str] = mapped_column(String(255), unique=True)
    plaid_institution_id: Mapped[str] = mapped_column(String(255))
    institution_name: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default="good")
    error_code: Mapped[str | None] = mapped_column(String(64))
    transactions_cursor: Mapped[str | None] = mapped_column(Text)
    # Where the pagination the cursor is in the middle of began ('' for none; None when the
    # cursor ends a whole update): Plaid's restart point after a mutation (migration 0009).
    transactions_restart_cursor: Mapped[str | None] = mapped_column(Text)
    # The number of the pagination under way or last whole, and the first attempt cut short
    # while a pagination begins again (pattern.sync.pagination; migration 0010).
    transactions_pagination: Mapped[int] = mapped_column(default=0, server_default="0")
    transactions_cut_since: Mapped[int | None]
    # Where Plaid sends this item's webhooks, as last set (None: unknown or none).
    webhook_url: Mapped[str | None] = mapped_column(Text)
    last_synced_at: Mapped[datetime | None]
    # Plaid said the bank has accounts the person can add (NEW_ACCOUNTS_AVAILABLE); cleared
    # once they are added (migration 0013).
    new_accounts_available: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Plaid's transactions_update_status at the last page: NOT_READY, INITIAL_UPDATE_COMPLETE
    # (30 days so far) or HISTORICAL_UPDATE_COMPLETE (the whole history); migration 0014.
    transactions_update_status: Mapped[str | None] = mapped_column(String(32))
    archived: Mapped[bool] = mapped_column(default=False)
    # Whether Plaid's /transactions/recurring/get serves this item: True once its streams
    # are stored, False when Plaid refused it (asked again at most daily, from
    # recurring_checked_at), None until asked (pattern.recurring.plaid_streams).
    recurring_from_plaid: Mapped[bool | None]
    recurring_checked_at: Mapped[datetime | None]
    # The person's manual accounts' item: no bank, no access token (''), never synced nor
    # shown as a bank; one per person (plaid_institution_id 'manual'; migration 0027).
    manual: Mapped[bool] = mapped_column(default=False, server_default=false())
