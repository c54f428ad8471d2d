from __future__ import annotations

from fastapi import APIRouter, Response

from pattern.accounts import repository as accounts_repository
from pattern.accounts.schemas import AccountRead
from pattern.auth.deps import CurrentUser, PathUser
from pattern.households.deps import PathView
from pattern.items import repository, service
from pattern.items.deps import ItemsDep, OwnedItem
from pattern.items.schemas import ItemCreate, ItemRead, ItemRef, ItemStatusUpdate, SyncReport
from pattern.kit.deps import SessionDep
from pattern.kit.errors import NotFound
from pattern.kit.paging import PageQuery, with_total
from pattern.transactions import service as transactions_service
from pattern.transactions.params import TransactionFilters
from pattern.transactions.schemas import TransactionRead

router = APIRouter(tags=["items"])


@router.post("/items", status_code=201, response_model=ItemRead)
async def link_item(
    body: ItemCreate, user: CurrentUser, session: SessionDep, items: ItemsDep
) -> ItemRead:
    """Exchange Link's public token for an item; 409 if you already linked its institution
    (the one Plaid names for the item)."""
    item = await items.link(
        session,
        user,
        public_token=body.public_token,
        claimed_institution_id=body.institution_id,
    )
    return ItemRead.model_validate(item)


@router.get("/users/{user_id}/items", response_model=list[ItemRead])
async def list_items(view: PathView, session: SessionDep) -> list[ItemRead]:
    """A user's items; to a member of a share of theirs, the banks of the shared accounts."""
    items = await service.list_items(session, view.owner.id)
    if view.shown is None:
        return await service.read_items(session, items)
    return await service.read_shared_items(session, items, view.shown)


@router.get("/items/{item_id}", response_model=ItemRead)
async def get_item(item: OwnedItem, session: SessionDep) -> ItemRead:
    """One item."""
    return (await service.read_items(session, [item]))[0]


@router.put("/items/{item_id}", response_model=ItemRead)
async def update_item_status(
    body: ItemStatusUpdate, item: OwnedItem, session: SessionDep
) -> ItemRead:
    """Set an item's status to good or bad."""
    item = await service.set_status(session, item, body.status)
    return (await service.read_items(session, [item]))[0]


@router.delete("/items/{item_id}", status_code=204)
async def delete_item(
    item: OwnedItem, user: CurrentUser, session: SessionDep, items: ItemsDep
) -> None:
    """Remove the item at Plaid, then here with its accounts and transactions."""
    await items.remove(session, item, actor_id=user.id)


@router.get("/items/{item_id}/accounts", response_model=list[AccountRead])
async def item_accounts(item: OwnedItem, session: SessionDep) -> list[AccountRead]:
    """An item's accounts."""
    accounts = await accounts_repository.list_for_item(session, item.id)
    return [AccountRead.model_validate(account) for account in accounts]


@router.get("/items/{item_id}/transactions", response_model=list[TransactionRead])
async def item_transactions(
    item: OwnedItem,
    page: PageQuery,
    filters: TransactionFilters,
    response: Response,
    session: SessionDep,
) -> list[TransactionRead]:
    """An item's transactions, filtered, searched and sorted; the total is in X-Total-Count."""
    found = await transactions_service.list_transactions(
        session,
        transactions_service.Scope(item_id=item.id),
        filters,
        limit=page.limit,
        offset=page.offset,
    )
    return with_total(response, found.rows, found.total)


@router.post("/items/{item_id}/sync", response_model=SyncReport)
async def sync_item(item: OwnedItem, session: SessionDep, items: ItemsDep) -> SyncReport:
    """Refresh: ask the bank through Plaid for new transactions (they arrive by webhook, then
    as socket events), sync what Plaid has now, and report both (`bank_refresh`, `message`:
    Plaid may refuse, e.g. without its Transactions Refresh add-on; the sync runs anyway)."""
    return await items.refresh_now(session, item)


@router.post("/items/{item_id}/new-accounts", response_model=SyncReport)
async def new_accounts_added(item: OwnedItem, session: SessionDep, items: ItemsDep) -> SyncReport:
    """After Link in update mode with add_accounts: sync the accounts chosen and their
    transactions in, and clear new_accounts_available; report what changed."""
    return await items.accounts_added(session, item)


@router.post("/items/{item_id}/login-fixed", response_model=SyncReport)
async def login_fixed(item: OwnedItem, session: SessionDep, items: ItemsDep) -> SyncReport:
    """After Link in update mode fixed the login: sync now. Plaid sends no webhook for a
    repair made in this app; a sync that works marks the item good (LOGIN_REPAIRED)."""
    return await items.sync_now(session, item.id)


@router.post("/users/{user_id}/transactions/sync", response_model=list[SyncReport])
async def sync_user(user: PathUser, session: SessionDep, items: ItemsDep) -> list[SyncReport]:
    """Sync all of a user's items, reporting each (SYNC_HAPPENED / SYNC_ERROR) and the end."""
    return await items.sync_user_items(session, user.id)


@router.post("/items/sandbox/item/reset_login", status_code=204)
async def reset_login(
    body: ItemRef, user: CurrentUser, session: SessionDep, items: ItemsDep
) -> None:
    """Sandbox and emulator only: make an item need a new login."""
    item = await repository.get_for_user(session, body.item_id, user.id)
    if item is None:
        raise NotFound("Item not found.")
    await items.reset_login(session, item)
