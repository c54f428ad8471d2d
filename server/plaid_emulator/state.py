"""Everything the emulator remembers, and its JSON state file.

Generated transactions are never stored: an item keeps its seed and mutation log.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from plaid_emulator.signing import SigningKey

STATE_VERSION = 1


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class ItemRecord:
    item_id: str
    access_token: str
    seed: int
    institution_id: str
    username: str
    base_count: int
    created_at: str  # ISO datetime; its date anchors the generated history
    products: list[str]
    webhook: str | None = None
    error_code: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    next_extra: int = 0
    last_webhook: dict[str, Any] | None = None
    # Days of history, fixed at the first link (Plaid's days_requested; 730 for items saved
    # before it was kept, which had two years).
    days_requested: int = 730
    # Accounts opened at the bank after the first link (/emulator/items/add_account): waiting
    # until the person shares them in update-mode Link with account selection, then added.
    accounts_waiting: list[dict[str, Any]] = field(default_factory=list)
    accounts_added: list[dict[str, Any]] = field(default_factory=list)
    # Products consented to in Link but not initialized (additional_consented_products).
    consented_products: list[str] = field(default_factory=list)
    # When /transactions/recurring/get's streams last changed (None: when history completed).
    recurring_updated_at: str | None = None

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    @property
    def version(self) -> int:
        return len(self.events)


@dataclass
class PublicToken:
    item_id: str
    expires_at: str


@dataclass
class LinkToken:
    expires_at: str
    client_name: str
    products: list[str]
    country_codes: list[str]
    webhook: str | None
    redirect_uri: str | None
    item_id: str | None  # set for update mode
    language: str = "en"
    days_requested: int | None = None  # transactions.days_requested, if given
    account_selection: bool = False  # update.account_selection_enabled
    consented_products: list[str] = field(default_factory=list)


@dataclass
class State:
    signing_key: SigningKey
    items: dict[str, ItemRecord] = field(default_factory=dict)
    access_tokens: dict[str, str] = field(default_factory=dict)
    public_tokens: dict[str, PublicToken] = field(default_factory=dict)
    link_tokens: dict[str, LinkToken] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "signing_key": asdict(self.signing_key),
            "items": {k: asdict(v) for k, v in self.items.items()},
            "access_tokens": self.access_tokens,
            "public_tokens": {k: asdict(v) for k, v in self.public_tokens.items()},
            "link_tokens": {k: asdict(v) for k, v in self.link_tokens.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        return cls(
            signing_key=SigningKey(**data["signing_key"]),
            items={k: ItemRecord(**v) for k, v in data["items"].items()},
            access_tokens=dict(data["access_tokens"]),
            public_tokens={k: PublicToken(**v) for k, v in data["public_tokens"].items()},
            link_tokens={k: LinkToken(**v) for k, v in data["link_tokens"].items()},
        )

    def prune_expired(self) -> None:
        now = utcnow()
        self.public_tokens = {
            k: v
            for k, v in self.public_tokens.items()
            if datetime.fromisoformat(v.expires_at) > now
        }
        self.link_tokens = {
            k: v for k, v in self.link_tokens.items() if datetime.fromisoformat(v.expires_at) > now
        }


class StateStore:
    """Holds the state in memory and, given a path, mirrors it to disk after each change."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        if path is not None and path.exists():
            self.state = State.from_json(json.loads(path.read_text()))
        else:
            self.state = State(signing_key=SigningKey.generate())
            self.save()

    def save(self) -> None:
        if self.path is None:
            return
        self.state.prune_expired()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename so a crash never leaves a half-written file.
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".emulator-state-")
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(self.state.to_json(), f)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def reset(self) -> None:
        """Forget every item and token; keep the signing key so receivers' caches stay valid."""
        self.state = State(signing_key=self.state.signing_key)
        self.save()
