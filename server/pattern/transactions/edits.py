"""A person's edits to transactions: kept beside Plaid's values, undone by revert."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Transaction
from pattern.models.transactions import EDITABLE_ORIGINALS, tags_text
from pattern.rules.matching import apply_rules, load_rules
from pattern.transactions import repository
from pattern.transactions.schemas import CategoryRead, TransactionUpdate
from pattern.users.data_version import user_data_changed


async def edit_transaction(
    session: AsyncSession, transaction: Transaction, changes: TransactionUpdate
) -> Transaction:
    fields = changes.model_fields_set
    before = transaction.date
    for name in fields:
        value = getattr(changes, name)
        setattr(transaction, name, tags_text(value) if name == "tags" else value)
    if fields & EDITABLE_ORIGINALS.keys():
        transaction.manually_updated = True
    await session.flush()
    await user_data_changed(session, transaction.user_id, days={before, transaction.date})
    return transaction


async def revert_transaction(
    session: AsyncSession, transaction: Transaction, user_id: int
) -> Transaction:
    """Back to Plaid's values as the user's rules present them, shown again if hidden."""
    before = transaction.date
    original_name = transaction.original_name or transaction.name
    rules = await load_rules(session, user_id)
    transaction.name, transaction.category, transaction.subcategory = apply_rules(
        rules, original_name, transaction.original_category, transaction.original_subcategory
    )
    transaction.date = transaction.original_date or transaction.date
    transaction.manually_updated = False
    transaction.hidden = False
    await session.flush()
    await user_data_changed(session, transaction.user_id, days={before, transaction.date})
    return transaction


async def categories_in_use(session: AsyncSession, user_id: int) -> list[CategoryRead]:
    tree: dict[str, set[str]] = defaultdict(set)
    for category, subcategory in await repository.categories_in_use(session, user_id):
        subcategories = tree[category or ""]  # creates the entry for categories with none
        if subcategory:
            subcategories.add(subcategory)
    return [
        CategoryRead(category=category, subcategories=sorted(subs))
        for category, subs in sorted(tree.items())
    ]
