"""Which accounts a pass need not write: the memory kept across passes and within one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pattern.plaid.sync_page import SyncPage
from pattern.sync.accounts import KnownAccounts, PassAccounts, StoredAccounts

STAMP = (datetime(2024, 3, 1, 12, 0), 2)


def account(id_: str, balance: float) -> dict[str, Any]:
    return {"account_id": id_, "balances": {"current": balance}}


ANSWER = [account("a", 10.0), account("b", 20.0)]


def known_with(stored: StoredAccounts) -> KnownAccounts:
    known = KnownAccounts()
    known.remember(1, stored)
    return known


def test_the_same_answer_on_an_unchanged_stamp_needs_no_write() -> None:
    stored = StoredAccounts(ANSWER, {"a": 1, "b": 2}, STAMP)
    known = known_with(stored)
    assert known.unchanged(1, STAMP, [account("a", 10.0), account("b", 20.0)]) is stored
    assert known.unchanged(1, (STAMP[0], 3), ANSWER) is None  # another writer added one
    assert known.unchanged(1, STAMP, [account("a", 11.0), account("b", 20.0)]) is None
    assert known.unchanged(2, STAMP, ANSWER) is None
    known.forget(1)
    assert known.unchanged(1, STAMP, ANSWER) is None


def test_pages_repeating_the_answer_are_stored_already() -> None:
    stored = StoredAccounts(ANSWER, {"a": 1, "b": 2}, STAMP)
    accounts = PassAccounts(known_with(stored), 1, stored, changed=False)
    page = SyncPage(accounts=[account("b", 20.0)])
    assert accounts.stored(page)
    assert accounts.seen.accounts is page.accounts
    assert accounts.seen.ids == {"a": 1, "b": 2}
    assert not accounts.written_by(page)
    assert not accounts.changed


def test_once_balances_move_pages_write_their_accounts() -> None:
    stored = StoredAccounts(ANSWER, {"a": 1, "b": 2}, STAMP)
    known = known_with(stored)
    accounts = PassAccounts(known, 1, stored, changed=False)
    moved = SyncPage(accounts=[account("a", 9.0), account("b", 20.0)])
    assert not accounts.stored(moved)
    assert accounts.written_by(moved)
    assert accounts.changed
    assert known.unchanged(1, STAMP, ANSWER) is None  # the database may hold either now
    # From here on each page is compared with the one written before it.
    assert not accounts.stored(SyncPage(accounts=ANSWER))
