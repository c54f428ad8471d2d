from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Response
from fastapi.responses import StreamingResponse

from pattern.auth.deps import CurrentUser
from pattern.households.deps import EditableView, PathView, View
from pattern.kit import clock
from pattern.kit.deps import SessionDep
from pattern.kit.errors import Forbidden, NotFound
from pattern.kit.paging import PageQuery, with_total
from pattern.kit.responses import HeldStreamingResponse
from pattern.manual import service as manual
from pattern.transactions import edits, service
from pattern.transactions.deps import (
    CsvExportsDep,
    EditableTransaction,
    MerchantLogosDep,
    ViewedTransaction,
)
from pattern.transactions.params import TransactionFilters
from pattern.transactions.schemas import (
    BulkEdit,
    BulkEdited,
    CategoryRead,
    TransactionRead,
    TransactionUpdate,
)

router = APIRouter(tags=["transactions"])
OWNER_ONLY = "Only the account's owner can change a transaction's amount."


def _scope(view: View) -> service.Scope:
    return service.Scope(user_id=view.owner.id, shown=view.shown)


@router.get("/users/{user_id}/transactions", response_model=list[TransactionRead])
async def user_transactions(
    view: PathView,
    page: PageQuery,
    filters: TransactionFilters,
    response: Response,
    session: SessionDep,
) -> list[TransactionRead]:
    """A user's transactions, filtered, searched and sorted; the total is in X-Total-Count.
    To a member of a share of theirs, those of the shared accounts."""
    found = await service.list_transactions(
        session,
        _scope(view),
        filters,
        limit=page.limit,
        offset=page.offset,
        cache=view.cache,
    )
    return with_total(response, found.rows, found.total)


@router.get("/users/{user_id}/transactions.csv", response_class=StreamingResponse)
async def export_csv(
    view: PathView, asker: CurrentUser, filters: TransactionFilters, exports: CsvExportsDep
) -> StreamingResponse:
    """The same list as CSV (all pages), streamed; a few exports at a time per person."""
    # Named for its month, or the day it was made: a second export does not overwrite the first.
    month = filters.month
    named = (
        f"{month.year:04d}-{month.month:02d}" if month else clock.today(asker.time_zone).isoformat()
    )
    return HeldStreamingResponse(
        partial(exports.open, scope=_scope(view), asked_by=asker.id, query=filters),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="transactions-{named}.csv"'},
    )


@router.post("/users/{user_id}/transactions/bulk-edit", response_model=BulkEdited)
async def bulk_edit(
    body: BulkEdit, view: EditableView, filters: TransactionFilters, session: SessionDep
) -> BulkEdited:
    """Set a category, hide or show, add or remove tags on many transactions at once: every
    one the list's filters (the query string, as for the list) match, or only `ids` among
    them."""
    updated = await edits.bulk_edit(session, _scope(view), filters, body)
    return BulkEdited(updated=updated)


@router.get("/users/{user_id}/categories", response_model=list[CategoryRead])
async def categories(view: PathView, session: SessionDep) -> list[CategoryRead]:
    """The categories and subcategories in use, for pickers."""
    return await edits.categories_in_use(session, view.owner.id, view.shown)


@router.patch("/transactions/{transaction_id}", response_model=TransactionRead)
async def edit_transaction(
    body: TransactionUpdate, editing: EditableTransaction, session: SessionDep
) -> TransactionRead:
    """Edit name, category, subcategory or date (kept through syncs), or hide it; and the
    amount of a manual account's transaction (409 for a bank's; its owner's only)."""
    transaction = editing.transaction
    if body.amount is not None:
        if editing.by_member:
            raise Forbidden(OWNER_ONLY, code="owner_only")
        await manual.change_amount(session, transaction, body.amount)
    if body.model_fields_set - {"amount"}:
        await edits.edit_transaction(session, transaction, body)
    return await service.get_transaction(session, transaction.id, editing.shown)


@router.post("/transactions/{transaction_id}/revert", response_model=TransactionRead)
async def revert_transaction(editing: EditableTransaction, session: SessionDep) -> TransactionRead:
    """Undo the edits: Plaid's values again (with the owner's rules applied), shown if hidden."""
    transaction = editing.transaction
    await edits.revert_transaction(session, transaction, transaction.user_id)
    return await service.get_transaction(session, transaction.id, editing.shown)


@router.get(
    "/transactions/{transaction_id}/logo",
    response_class=Response,
    responses={200: {"content": {"image/png": {}, "image/jpeg": {}}, "description": "the logo"}},
)
async def merchant_logo(transaction: ViewedTransaction, logos: MerchantLogosDep) -> Response:
    """The merchant's logo Plaid gave for this transaction, fetched and cached by the server
    (the browser loads no other site); 404 when there is none or it cannot be had."""
    if not transaction.logo_url:
        raise NotFound("This transaction has no logo.")
    logo = await logos.get(transaction.logo_url)
    if logo is None:
        raise NotFound("The logo could not be fetched.")
    return Response(
        logo.content,
        media_type=logo.media_type,
        headers={
            "Cache-Control": "private, max-age=86400",
            "Content-Security-Policy": "default-src 'none'",
            "X-Content-Type-Options": "nosniff",
        },
    )
