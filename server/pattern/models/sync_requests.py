from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pattern.models.base import Base, utcnow


class SyncRequest(Base):
    """The sync requests of one item, kept until a pass has served them (pattern.sync.queue).

    One row per item: `requested` counts the requests so far and `done` how many of them a
    finished pass has served, so the item is waiting for a pass while requested > done, and
    however many requests come, one pass serves them all. A pass that failed waits for
    `run_after`; after the last attempt the row is dead (`dead_at`) until a new request.
    """

    __tablename__ = "sync_requests"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    requested: Mapped[int] = mapped_column(default=1, server_default="1")
    done: Mapped[int] = mapped_column(default=0, server_default="0")
    # What asked last: link, webhook, button, schedule, history, repaired.
    reason: Mapped[str] = mapped_column(String(16))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    run_after: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Failed passes in a row, and the last one's error code.
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(64))
    last_error_at: Mapped[datetime | None]
    dead_at: Mapped[datetime | None]
