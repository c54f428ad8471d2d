from __future__ import annotations

from fastapi import APIRouter, Request

from pattern.auth.deps import AdminUser, could_exist
from pattern.invites import service
from pattern.invites.schemas import InviteCreate, InviteCreated, InviteRead
from pattern.kit.deps import SessionDep, SettingsDep
from pattern.kit.errors import NotFound

router = APIRouter(prefix="/invites", tags=["invites"])


@router.post("", status_code=201, response_model=InviteCreated)
async def create_invite(
    body: InviteCreate,
    admin: AdminUser,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> InviteCreated:
    """A single-use sign-up link (administrators). Its code is shown this once."""
    invite, code = await service.create_invite(
        session,
        admin_id=admin.id,
        days=body.expires_in_days,
        sign_up_closed=settings.signup == "closed",
    )
    base = settings.public_url or str(request.base_url).rstrip("/")
    return InviteCreated(**invite.model_dump(), code=code, url=f"{base}/login?invite={code}")


@router.get("", response_model=list[InviteRead])
async def list_invites(_: AdminUser, session: SessionDep) -> list[InviteRead]:
    """The newest invites and what became of them (administrators)."""
    return list(await service.list_invites(session))


@router.delete("/{invite_id}", status_code=204)
async def withdraw_invite(invite_id: int, admin: AdminUser, session: SessionDep) -> None:
    """Withdraw an invite, used or not (administrators)."""
    if not could_exist(invite_id):
        raise NotFound("Invite not found.")
    await service.withdraw(session, invite_id, admin_id=admin.id)
