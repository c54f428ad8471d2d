"""Accounts and transactions a person keeps by hand (cash, a bank Plaid cannot reach).

They live in the person's manual item, so every read that reaches their accounts through
their items counts them as a bank's; nothing here calls Plaid. An account's balance is the
person's: set when they make it (or set it again), then moved by each transaction they add,
change or delete, as a bank's balance moves with its transactions (docs/adr/0027).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.categories import service as categories
from pattern.kit.errors import Conflict
from pattern.manual import repository
from pattern.manual.schemas import ManualAccountCreate, ManualTransactionCreate
from pattern.models import Account, Transaction
from pattern.models.transactions import tags_text
from pattern.net_worth.service import LIABILITY_TYPES, record_today
from pattern.rules.matching import Facts, labelled, load_rules
from pattern.splits.service import keep_whole
from pattern.transfers.service import match_user
from pattern.users.data_version import EVERY_DAY, Days, user_data_changed

BANK_ACCOUNT = (
    "This account is at a bank: its balance and transactions come from the bank through "
    "Plaid. Remove the bank on its card to remove it."
)
BANK_TRANSACTION = (
    "This transaction came from the bank: its amount is the bank's, and it cannot be "
    "deleted (hide it instead)."
)


def _manual_id(prefix: str) -> str:
    """An id in Plaid's id columns (unique, never one of Plaid's): manual-<random>."""
    return f"manual-{prefix}-{uuid.uuid4().hex}"


async def create_account(session: AsyncSession, user_id: int, body: ManualAccountCreate) -> Account:
    account = Account(
        item_id=await repository.manual_item_id(session, user_id),
        plaid_account_id=_manual_id("account"),
        name=body.name,
        type=body.type,
        subtype=body.subtype,
        current_balance=body.current_balance,
        iso_currency_code=body.iso_currency_code,
        manual=True,
    )
    session.add(account)
    await session.flush()
    audit.record(
        session,
        actor_id=user_id,
        action=AuditAction.MANUAL_ACCOUNT_ADDED,
        detail={"account": account.id, "name": body.name},
    )
    await _changed(session, user_id, days=())
    return account


async def delete_account(session: AsyncSession, account: Account, owner_id: int) -> None:
    """The account with its transactions; refused for a bank's (its bank is removed whole)."""
    if not account.manual:
        raise Conflict(BANK_ACCOUNT, code="bank_account")
    account_id, name = account.id, account.name
    await repository.delete_account(session, account_id)
    audit.record(
        session,
        actor_id=owner_id,
        action=AuditAction.MANUAL_ACCOUNT_REMOVED,
        detail={"account": account_id, "name": name},
    )
    await _changed(session, owner_id, days=EVERY_DAY)


async def add_transaction(
    session: AsyncSession, account: Account, owner_id: int, body: ManualTransactionCreate
) -> Transaction:
    """A transaction as a sync would store it: the person's words as the original, then
    their rules (a category they chose stays theirs)."""
    if not account.manual:
        raise Conflict(BANK_ACCOUNT, code="bank_account")
    rules = await load_rules(session, owner_id)
    places = await categories.placements(session, owner_id)
    facts = Facts(
        name=body.name,
        category=body.category,
        subcategory=body.subcategory,
        amount=body.amount,
        account_id=account.id,
    )
    name, category, subcategory = labelled(rules, places, facts)
    if body.category is not None:
        category, subcategory = body.category, body.subcategory
    transaction = Transaction(
        account_id=account.id,
        user_id=owner_id,
        plaid_transaction_id=_manual_id("transaction"),
        name=name,
        category=category,
        subcategory=subcategory,
        amount=body.amount,
        iso_currency_code=account.iso_currency_code,
        date=body.date,
        pending=False,
        original_name=body.name,
        original_category=body.category,
        original_subcategory=body.subcategory,
        original_date=body.date,
        note=body.note,
        tags=tags_text(body.tags),
    )
    session.add(transaction)
    _move_balance(account, body.amount)
    await session.flush()
    await _changed(session, owner_id, days={body.date})
    return transaction


async def change_amount(session: AsyncSession, transaction: Transaction, amount: Decimal) -> None:
    """A manual transaction's new amount: its account's balance and its parts follow."""
    account = await _manual_account_of(session, transaction)
    _move_balance(account, amount - transaction.amount)
    transaction.amount = amount
    await session.flush()
    await keep_whole(session, transaction.user_id, [transaction.plaid_transaction_id])
    await _changed(session, transaction.user_id, days={transaction.date})


async def delete_transaction(session: AsyncSession, transaction: Transaction) -> None:
    """A manual transaction gone: its account's balance as if it never was."""
    account = await _manual_account_of(session, transaction)
    user_id, day = transaction.user_id, transaction.date
    _move_balance(account, -transaction.amount)
    await session.flush()
    await repository.delete_transaction(session, transaction.id)
    await _changed(session, user_id, days={day})


async def _manual_account_of(session: AsyncSession, transaction: Transaction) -> Account:
    account = await session.get(Account, transaction.account_id)
    if account is None or not account.manual:
        raise Conflict(BANK_TRANSACTION, code="bank_transaction")
    return account


def _move_balance(account: Account, amount: Decimal) -> None:
    """Money out (a positive amount, Plaid's sign) lowers what an account holds and raises
    what a card or loan owes, as net worth's history works it back (docs/adr/0024)."""
    owed = account.type in LIABILITY_TYPES
    account.current_balance = (account.current_balance or Decimal(0)) + (
        amount if owed else -amount
    )


async def _changed(session: AsyncSession, user_id: int, *, days: Days) -> None:
    """What every write here ends with: transfers matched near the days (pairs whose
    transaction is gone dropped), figures cached before made stale, today's net worth."""
    near: Iterable[dt.date] = () if days == EVERY_DAY else days
    await match_user(session, user_id, changed_days=set(near))
    await user_data_changed(session, user_id, days=days)
    await record_today(session, user_id)
