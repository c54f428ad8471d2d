"""Accounts opened at the bank after an item's first link, and sharing them through Link.

Plaid tells the app with ITEM NEW_ACCOUNTS_AVAILABLE; the accounts become part of the item
only when the person selects them in update-mode Link with account selection enabled
(update.account_selection_enabled, or an OAuth bank's own selection). Until then
/accounts/get and /transactions/sync know nothing of them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from plaid_emulator import errors, mutations
from plaid_emulator.emulator import Emulator
from plaid_emulator.routes.transactions import announce_changes
from plaid_emulator.state import ItemRecord, utcnow
from plaid_emulator.synthetic import generator

SUBTYPES = ("checking", "savings")


def open_account(
    emu: Emulator, item: ItemRecord, *, name: str, subtype: str, transactions: int
) -> dict[str, Any]:
    """Open an account at the item's bank; Plaid then sends NEW_ACCOUNTS_AVAILABLE."""
    number = len(item.accounts_waiting) + len(item.accounts_added) + 1
    slot = f"added{number}"
    account = {
        "slot": slot,
        "account_id": generator.account_id(item.seed, slot),
        "name": name,
        "official_name": f"Plaid {name}",
        "mask": f"{7000 + number:04d}"[-4:],
        "type": "depository",
        "subtype": subtype,
        "transactions": transactions,
    }
    item.accounts_waiting.append(account)
    emu.store.save()
    emu.send_webhook(item, "ITEM", "NEW_ACCOUNTS_AVAILABLE", {"error": None})
    return account


def waiting_ids(item: ItemRecord) -> list[str]:
    return [str(a["account_id"]) for a in item.accounts_waiting]


def share(emu: Emulator, item: ItemRecord, account_ids: list[str]) -> None:
    """The person selected these waiting accounts in Link: they join the item with their
    history, which /transactions/sync then gives as added (SYNC_UPDATES_AVAILABLE)."""
    joining = [a for a in item.accounts_waiting if a["account_id"] in account_ids]
    if not joining:
        return
    item.accounts_waiting = [a for a in item.accounts_waiting if a not in joining]
    item.accounts_added.extend(joining)
    today = utcnow().date()
    events = []
    for account in joining:
        for n in range(int(account["transactions"])):
            event = mutations.add_transaction(
                item, pending=False, day=today - timedelta(days=3 * n)
            )
            event["slot"] = account["slot"]
            events.append(event)
    emu.store.save()
    announce_changes(emu, item, events)


def check_selection(item: ItemRecord, known: set[str], wanted: object) -> list[str]:
    """Link's selected account ids: a list of ids of the item's accounts or waiting ones."""
    if not isinstance(wanted, list) or not all(isinstance(a, str) for a in wanted):
        raise errors.invalid_field("account_ids must be a list of account ids")
    unknown = [a for a in wanted if a not in known and a not in waiting_ids(item)]
    if unknown:
        raise errors.invalid_input(
            "INVALID_ACCOUNT_ID",
            "one or more of the account IDs is invalid: " + ", ".join(unknown),
        )
    return list(wanted)
