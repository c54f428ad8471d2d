"""The ledger's shortcuts (balances from base totals, /transactions/get windows) agree with
the slow way of rebuilding every transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from plaid_emulator import mutations
from plaid_emulator.ledger import Ledger, base_totals
from plaid_emulator.state import ItemRecord, utcnow
from plaid_emulator.synthetic import catalog, generator

ANCHOR = utcnow().date()  # refreshes date their new transactions today


def mutated_ledger(base_count: int = 2000) -> Ledger:
    item = ItemRecord(
        item_id="item",
        access_token="access-sandbox-x",
        seed=7,
        institution_id="ins_109508",
        username="user_transactions_dynamic",
        base_count=base_count,
        created_at=f"{ANCHOR.isoformat()}T12:00:00+00:00",
        products=["transactions"],
    )

    def ledger() -> Ledger:
        return Ledger(seed=item.seed, base_count=base_count, anchor=ANCHOR, events=item.events)

    item.events += mutations.dynamic_refresh(item, ledger())
    item.events += mutations.dynamic_refresh(item, ledger())
    old = ANCHOR - timedelta(days=200)
    item.events += [
        mutations.add_transaction(item, pending=False, day=old),
        mutations.add_transaction(item, pending=False, day=old),
        {"op": "remove", "key": "b10"},
        {"op": "remove", "key": "b11"},
        {"op": "modify", "key": "b20"},
        {"op": "modify", "key": "b20"},
        {"op": "modify", "key": "b30"},
        {"op": "remove", "key": "b30"},
    ]
    return ledger()


def live_keys(ledger: Ledger) -> list[str]:
    keys = [f"b{i}" for i in range(ledger.base_count)]
    keys += [e["key"] for e in ledger.events if e["op"] == "add"]
    return [k for k in keys if ledger.is_live(k)]


def test_balances_agree_with_every_transaction() -> None:
    ledger = mutated_ledger()
    posted = dict.fromkeys(catalog.TRANSACTIONAL_SLOTS, 0)
    pending = dict.fromkeys(catalog.TRANSACTIONAL_SLOTS, 0)
    slots = {generator.account_id(ledger.seed, s): s for s in catalog.TRANSACTIONAL_SLOTS}
    for key in live_keys(ledger):
        txn = ledger.render(key)
        cents = round(txn["amount"] * 100)
        (pending if txn["pending"] else posted)[slots[txn["account_id"]]] += cents
    balances = ledger.balances(base_totals(ledger.seed, ledger.base_count, ledger.anchor))
    assert round(balances["checking"].current * 100) == -posted["checking"]  # type: ignore[operator]
    assert round(balances["savings"].available * 100) == -posted["savings"] - pending["savings"]  # type: ignore[operator]
    assert round(balances["credit"].current * 100) == posted["credit"]  # type: ignore[operator]
    assert round((10000 - balances["credit"].available) * 100) == (  # type: ignore[operator]
        posted["credit"] + pending["credit"]
    )


@pytest.mark.parametrize(
    ("days_back", "days_long"), [(730, 731), (10, 10), (200, 0), (400, 100), (1000, 100)]
)
def test_window_matches_a_full_sort(days_back: int, days_long: int) -> None:
    ledger = mutated_ledger()
    start = ANCHOR - timedelta(days=days_back)
    end = start + timedelta(days=days_long)
    seq = {e["key"]: ledger.base_count + n + 1 for n, e in enumerate(ledger.events)}
    dated = sorted(
        (
            (ledger.date_of(k), int(k[1:]) if k.startswith("b") else seq[k], k)
            for k in live_keys(ledger)
            if start <= ledger.date_of(k) <= end
        ),
        reverse=True,
    )
    expected = [k for _, _, k in dated]
    for offset in (0, 1, 7, 50, len(expected) - 3, len(expected), len(expected) + 5):
        for count in (1, 25, 500):
            offset = max(0, offset)
            assert ledger.window(start, end, offset, count) == (
                len(expected),
                expected[offset : offset + count],
            )
    checking = generator.account_id(ledger.seed, "checking")
    mine = [k for k in expected if ledger.account_id(k) == checking]
    assert ledger.window_for_accounts(start, end, 3, 10, {checking}) == (len(mine), mine[3:13])
