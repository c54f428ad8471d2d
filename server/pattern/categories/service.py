"""A person's categories: created, renamed, coloured, hidden, moved to another group,
merged into another and deleted (docs/adr/0028-categories-people-own.md)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.categories import catalogue, repository
from pattern.categories.catalogue import Catalogue, Entry
from pattern.categories.placement import Placements
from pattern.categories.schemas import (
    CategoryCreate,
    CategoryGroup,
    CategoryItem,
    CategoryMerge,
    CategoryUpdate,
    GroupCreate,
    GroupUpdate,
)
from pattern.kit.db import Shown
from pattern.kit.errors import Conflict, NotFound, Unprocessable
from pattern.models import Category
from pattern.transactions import repository as transactions
from pattern.users.data_version import EVERY_DAY, user_data_changed


async def load(session: AsyncSession, user_id: int) -> Catalogue:
    rows = await repository.rows_of(session, user_id)
    in_use = await transactions.categories_in_use(session, user_id)
    return catalogue.build(rows, [(group, code) for group, code in in_use])


async def placements(session: AsyncSession, user_id: int) -> Placements:
    """Where the user's merges and moves put a category's transactions (for the sync). From
    their rows alone: every category a merge or a move names has one (see merge)."""
    rows = await repository.rows_of(session, user_id)
    return catalogue.build(rows, []).placements()


async def place_unedited(session: AsyncSession, user_id: int, shown: Shown = None) -> int:
    """The unedited transactions (of the `shown` accounts, when it says which) put where
    the merges and moves say, after the rules were applied again from Plaid's values;
    returns how many changed."""
    places = dict((await placements(session, user_id)).of)
    return await repository.place_unedited(session, user_id, places, shown)


async def tree(session: AsyncSession, user_id: int) -> list[CategoryGroup]:
    return (await load(session, user_id)).tree()


async def shared_tree(session: AsyncSession, user_id: int) -> list[CategoryGroup]:
    """The tree as a member of a share sees it (pattern.households): without the texts
    found in use, which may come from accounts not shared with them (they show as written)."""
    return [
        group.model_copy(
            update={"categories": [c for c in group.categories if c.source != "found"]}
        )
        for group in await tree(session, user_id)
        if group.source != "found"
    ]


def _category(found: Catalogue, code: str) -> Entry:
    entry = found.categories.get(code)
    if entry is None:
        raise NotFound(f"There is no category “{code}”.")
    return entry


def _group(found: Catalogue, code: str, field: str | None = None) -> Entry:
    entry = found.groups.get(code)
    if entry is None:
        if field:
            raise Unprocessable(f"There is no group “{code}”.", field=field)
        raise NotFound(f"There is no group “{code}”.")
    return entry


def _free(taken: set[str], name: str, what: str) -> None:
    if name.lower() in taken:
        raise Conflict(f"There is a {what} named “{name}” already.", field="name")


def _row(
    session: AsyncSession, found: Catalogue, user_id: int, entry: Entry, *, group: bool
) -> Category:
    row = found.rows.get((group, entry.code))
    if row is None:
        row = Category(
            user_id=user_id,
            is_group=group,
            code=entry.code,
            own=entry.source != "plaid",
            group_code=None if group else entry.group,
            hidden=False,
        )
        session.add(row)
        found.rows[(group, entry.code)] = row
    return row


async def create_category(
    session: AsyncSession, user_id: int, body: CategoryCreate
) -> CategoryItem:
    found = await load(session, user_id)
    _group(found, body.group, "group")
    _free(found.names_taken(found.categories.values()), body.name, "category")
    session.add(
        Category(
            user_id=user_id,
            code=body.name,
            own=True,
            group_code=body.group,
            color=body.color,
            hidden=False,
        )
    )
    await session.flush()
    return _item(await load(session, user_id), body.name)


async def create_group(session: AsyncSession, user_id: int, body: GroupCreate) -> CategoryGroup:
    found = await load(session, user_id)
    _free(found.names_taken(found.groups.values()), body.name, "group")
    session.add(
        Category(user_id=user_id, is_group=True, code=body.name, own=True, color=body.color)
    )
    await session.flush()
    return _group_read(await load(session, user_id), body.name)


def _relabel(
    row: Category, found: Catalogue, entries: list[Entry], body: GroupUpdate, what: str
) -> None:
    fields = body.model_fields_set
    if "label" in fields:
        if body.label is not None:
            _free(found.names_taken(entries, but=row.code), body.label, what)
        row.label = body.label
    if "color" in fields:
        row.color = body.color
    if "hidden" in fields and body.hidden is not None:
        row.hidden = body.hidden


async def update_category(
    session: AsyncSession, user_id: int, code: str, body: CategoryUpdate
) -> CategoryItem:
    found = await load(session, user_id)
    entry = _category(found, code)
    if body.group is not None:
        _group(found, body.group, "group")
    row = _row(session, found, user_id, entry, group=False)
    _relabel(row, found, list(found.categories.values()), body, "category")
    if body.group is not None and body.group != entry.group:
        row.group_code = body.group
        await repository.move(session, user_id, code, group=body.group, to=code)
        await user_data_changed(session, user_id, days=EVERY_DAY)
    await session.flush()
    return _item(await load(session, user_id), code)


async def update_group(
    session: AsyncSession, user_id: int, code: str, body: GroupUpdate
) -> CategoryGroup:
    found = await load(session, user_id)
    row = _row(session, found, user_id, _group(found, code), group=True)
    _relabel(row, found, list(found.groups.values()), body, "group")
    await session.flush()
    return _group_read(await load(session, user_id), code)


async def merge(session: AsyncSession, user_id: int, code: str, body: CategoryMerge) -> int:
    """Category `code` into `body.into`: whatever names it names the other afterwards, and
    what Plaid files under it later lands there too. Returns how many transactions and
    parts moved."""
    if body.into == code:
        raise Unprocessable("A category cannot be merged into itself.", field="into")
    found = await load(session, user_id)
    entry = _category(found, code)
    kept = found.categories.get(body.into)
    if kept is None:
        raise Unprocessable(f"There is no category “{body.into}” to merge into.", field="into")
    moved = await repository.move(session, user_id, code, group=kept.group, to=kept.code)
    if kept.source == "found":
        # Text in use: a row keeps its group known to the placements, used or not.
        _row(session, found, user_id, kept, group=False)
    for other in found.rows.values():
        if other.merged_into == code:
            other.merged_into = kept.code
    if entry.source == "plaid":
        # Kept, so that Plaid's later transactions in it land in the other.
        row = _row(session, found, user_id, entry, group=False)
        row.merged_into, row.label, row.color, row.hidden = kept.code, None, None, False
    elif (own := found.rows.get((False, code))) is not None:
        await session.delete(own)
    await session.flush()
    await user_data_changed(session, user_id, days=EVERY_DAY)
    return moved


async def delete_category(session: AsyncSession, user_id: int, code: str) -> None:
    """A person's own category goes; its transactions get Plaid's category back."""
    found = await load(session, user_id)
    entry = _category(found, code)
    if entry.source == "plaid":
        raise Unprocessable("Plaid's categories stay: hide it instead, or merge it.")
    rules = await repository.rules_naming(session, user_id, code)
    if rules:
        raise Conflict(
            f"{rules} of your rules {'uses' if rules == 1 else 'use'} this category: "
            "change or delete them first."
        )
    await repository.back_to_plaid(session, user_id, code)
    for other in found.rows.values():
        if other.merged_into == code:
            other.merged_into = None
    if (own := found.rows.get((False, code))) is not None:
        await session.delete(own)
    await session.flush()
    await user_data_changed(session, user_id, days=EVERY_DAY)


async def delete_group(session: AsyncSession, user_id: int, code: str) -> None:
    found = await load(session, user_id)
    entry = _group(found, code)
    if entry.source == "plaid":
        raise Unprocessable("Plaid's groups stay: hide it instead.")
    if any(c.group == code for c in found.categories.values()) or await repository.group_in_use(
        session, user_id, code
    ):
        raise Conflict("This group still has categories or transactions: move them first.")
    row = found.rows.get((True, code))
    if row is not None:
        await session.delete(row)
        await session.flush()


def _item(found: Catalogue, code: str) -> CategoryItem:
    entry = found.categories[code]
    return CategoryItem(
        code=entry.code,
        label=entry.label,
        group=entry.group,
        color=entry.color,
        hidden=entry.hidden,
        source=entry.source,
    )


def _group_read(found: Catalogue, code: str) -> CategoryGroup:
    return next(group for group in found.tree() if group.code == code)
