"""A person's edits to transactions: kept beside Plaid's values, undone by revert."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.categories import service as categories
from pattern.kit.db import Shown
from pattern.models import Transaction
from pattern.models.transactions import EDITABLE_ORIGINALS, tag_list, tags_text
from pattern.rules.matching import Facts, labelled, load_rules
from pattern.transactions import repository, service
from pattern.transactions.query import Scope, TransactionQuery
from pattern.transactions.schemas import BulkChanges, BulkEdit, CategoryRead, TransactionUpdate
from pattern.users.data_version import user_data_changed


async def edit_transaction(
    session: AsyncSession, transaction: Transaction, changes: TransactionUpdate
) -> Transaction:
    fields = changes.model_fields_set - {"amount"}  # a manual one's: pattern.manual
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
    places = await categories.placements(session, user_id)
    facts = Facts(
        name=original_name,
        category=transaction.original_category,
        subcategory=transaction.original_subcategory,
        merchant=transaction.merchant_name,
        amount=transaction.amount,
        account_id=transaction.account_id,
    )
    transaction.name, transaction.category, transaction.subcategory = labelled(rules, places, facts)
    transaction.date = transaction.original_date or transaction.date
    transaction.manually_updated = False
    transaction.hidden = False
    await session.flush()
    await user_data_changed(session, transaction.user_id, days={before, transaction.date})
    return transaction


async def bulk_edit(
    session: AsyncSession, scope: Scope, query: TransactionQuery, edit: BulkEdit
) -> int:
    """Applies `edit.changes` to the transactions the list's filters match (only to
    `edit.ids` among them, when given); returns how many it reached."""
    where = await service.where_of(session, scope, query)
    targets = await repository.bulk_targets(session, where, edit.ids)
    if not targets:
        return 0
    ids = [row[0] for row in targets]
    changes = edit.changes
    fields: dict[str, Any] = {
        name: getattr(changes, name)
        for name in ("category", "subcategory", "hidden")
        if name in changes.model_fields_set
    }
    if fields.keys() & EDITABLE_ORIGINALS.keys():
        fields["manually_updated"] = True
    if fields:
        await repository.set_fields(session, ids, fields)
    if changes.add_tags or changes.remove_tags:
        await repository.set_tags(session, _retagged(targets, changes))
    user_id = scope.user_id
    if user_id is not None:
        await user_data_changed(session, user_id, days={row[1] for row in targets})
    return len(ids)


def _retagged(
    targets: Sequence[Row[int, date, str | None]], changes: BulkChanges
) -> dict[int, str | None]:
    """The new tags of each row whose tags change."""
    removed = {tag.lower() for tag in changes.remove_tags}
    found: dict[int, str | None] = {}
    for id_, _, stored in targets:
        kept = [tag for tag in tag_list(stored) if tag.lower() not in removed]
        text = tags_text([*kept, *changes.add_tags])
        if text != stored:
            found[id_] = text
    return found


async def categories_in_use(
    session: AsyncSession, user_id: int, shown: Shown = None
) -> list[CategoryRead]:
    tree: dict[str, set[str]] = defaultdict(set)
    for category, subcategory in await repository.categories_in_use(session, user_id, shown):
        subcategories = tree[category or ""]  # creates the entry for categories with none
        if subcategory:
            subcategories.add(subcategory)
    return [
        CategoryRead(category=category, subcategories=sorted(subs))
        for category, subs in sorted(tree.items())
    ]
