"""What a pass did: how many transactions it added, modified and removed, or why it stopped."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageCounts:
    added: int = 0
    modified: int = 0
    removed: int = 0

    def __iadd__(self, other: PageCounts) -> PageCounts:
        self.added += other.added
        self.modified += other.modified
        self.removed += other.removed
        return self

    @property
    def changed(self) -> bool:
        return bool(self.added or self.modified or self.removed)


@dataclass
class SyncResult:
    item_id: int
    counts: PageCounts = field(default_factory=PageCounts)
    error_code: str | None = None
    error_message: str | None = None
    # Plaid's transactions_update_status at the last page; while the history is still
    # coming, the seconds after which to look again (Plaid's webhooks may not reach us).
    update_status: str | None = None
    poll_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.error_code is None

    def add(self, later: SyncResult) -> None:
        """Take in a pass run after this one: its counts add up, its outcome is the last."""
        self.counts += later.counts
        self.error_code, self.error_message = later.error_code, later.error_message
        self.update_status = later.update_status or self.update_status
        self.poll_after = later.poll_after
