from __future__ import annotations

from fastapi import APIRouter

from pattern.auth.deps import CurrentUser
from pattern.kit.deps import CipherDep, SessionDep, SettingsDep
from pattern.link import service
from pattern.link.schemas import LinkEventCreate, LinkTokenCreate, LinkTokenRead
from pattern.plaid.deps import PlaidDep

router = APIRouter(tags=["link"])


@router.post("/link-token", response_model=LinkTokenRead)
async def create_link_token(
    body: LinkTokenCreate,
    user: CurrentUser,
    session: SessionDep,
    plaid: PlaidDep,
    cipher: CipherDep,
    settings: SettingsDep,
) -> LinkTokenRead:
    """A Link token: for a new item, or for update mode when item_id names one of yours
    (to fix its login, or with add_accounts to choose accounts to add)."""
    return await service.create_link_token(
        session,
        user,
        body.item_id,
        add_accounts=body.add_accounts,
        plaid=plaid,
        cipher=cipher,
        settings=settings,
    )


@router.post("/link-event", status_code=204)
async def record_link_event(body: LinkEventCreate, user: CurrentUser, session: SessionDep) -> None:
    """Keep Link's onSuccess / onExit event."""
    await service.record_link_event(session, user, body)


@router.get("/services/ngrok")
async def ngrok_url(_: CurrentUser, settings: SettingsDep) -> dict[str, str | None]:
    """Where Plaid's webhooks are sent now (PUBLIC_URL, ngrok's tunnel, or this server)."""
    return {"url": await service.webhook_url(settings)}
