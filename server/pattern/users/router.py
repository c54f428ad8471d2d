from __future__ import annotations

from fastapi import APIRouter, Response

from pattern.auth.cookies import clear_session_cookies
from pattern.auth.deps import (
    AdminUser,
    CurrentSession,
    OwnPathUser,
    PathUser,
    SessionsDep,
    SessionUser,
)
from pattern.items.deps import ItemsDep
from pattern.kit.deps import SessionDep, SettingsDep, SocketEndsDep
from pattern.users import preferences, service
from pattern.users.deps import WithinSignUpLimits
from pattern.users.schemas import (
    PasswordChange,
    PreferencesRead,
    PreferencesUpdate,
    UserCreate,
    UserDeletion,
    UserRead,
)

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=201, response_model=UserRead)
async def sign_up(
    body: UserCreate, _: WithinSignUpLimits, session: SessionDep, settings: SettingsDep
) -> UserRead:
    """Create an account. The first, the administrator's, needs the setup code the server
    printed; later ones follow SIGNUP (an invite's code, open, or closed), and with
    PASSWORD_LOGIN=false are refused (403 password_login_off: people sign in through the
    provider, an invite's code too). Attempts per client and in all are limited (429 with
    Retry-After)."""
    user = await service.sign_up(
        session,
        body=body,
        data_dir=settings.data_dir,
        policy=settings.signup,
        password_login=settings.password_login,
    )
    return UserRead.model_validate(user)


@router.get("", response_model=list[UserRead])
async def list_users(_: AdminUser, session: SessionDep) -> list[UserRead]:
    """Every user (administrators only)."""
    return [UserRead.model_validate(user) for user in await service.list_users(session)]


@router.get("/{user_id}", response_model=UserRead)
async def get_user(user: PathUser) -> UserRead:
    """One user: yourself, or anyone for an administrator."""
    return UserRead.model_validate(user)


@router.delete("/{user_id}", status_code=204)
async def delete_user(
    user: PathUser,
    current: CurrentSession,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    items: ItemsDep,
    sockets: SocketEndsDep,
    sessions: SessionsDep,
    body: UserDeletion | None = None,
) -> None:
    """Delete yourself (your current password in the body, {"password": ...}), or
    (administrators) another user, with all of their data."""
    deleting_myself = user.id == current[0].id
    if deleting_myself:
        password = body.password if body else None
        await sessions.check_password(session, user, current[1].id, password)
        await session.refresh(user)  # the check let the connection go meanwhile
    await service.delete_user(session, user, actor_id=current[0].id, items=items, sockets=sockets)
    if deleting_myself:
        clear_session_cookies(response, settings)


@router.put("/{user_id}/password", status_code=204)
async def change_password(
    body: PasswordChange,
    user: OwnPathUser,
    current: CurrentSession,
    session: SessionDep,
    sessions: SessionsDep,
) -> None:
    """Change your password (the current one is needed); your other sessions end."""
    await sessions.change_password(
        session,
        user,
        current[1].id,
        current=body.current_password,
        new=body.new_password,
    )


@router.delete("/{user_id}/sessions", status_code=204)
async def log_out_everywhere(
    user: PathUser,
    current: SessionUser,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    settings: SettingsDep,
) -> None:
    """Log out everywhere: every session of yourself (or, administrators, of anyone) ends.
    API tokens are not sessions: they keep working, and cannot do this."""
    await sessions.end_every_session(session, user.id, actor_id=current.id)
    if user.id == current.id:
        clear_session_cookies(response, settings)


@router.post("/{user_id}/disable", response_model=UserRead)
async def disable_user(
    admin: AdminUser, user: PathUser, session: SessionDep, sockets: SocketEndsDep
) -> UserRead:
    """Disable an account (administrators): it cannot log in, its sessions end at once
    (its open pages are logged out), its data stays. Not your own (409), nor the last
    active administrator (409)."""
    await service.set_disabled(session, user, disabled=True, actor=admin, sockets=sockets)
    return UserRead.model_validate(user)


@router.post("/{user_id}/enable", response_model=UserRead)
async def enable_user(
    admin: AdminUser, user: PathUser, session: SessionDep, sockets: SocketEndsDep
) -> UserRead:
    """Enable a disabled account again (administrators): it can log in as before."""
    await service.set_disabled(session, user, disabled=False, actor=admin, sockets=sockets)
    return UserRead.model_validate(user)


@router.get("/{user_id}/preferences", response_model=PreferencesRead)
async def read_preferences(user: PathUser) -> PreferencesRead:
    """Your settings: theme, time zone and display currency."""
    return PreferencesRead.model_validate(user)


@router.patch("/{user_id}/preferences", response_model=PreferencesRead)
async def update_preferences(
    body: PreferencesUpdate, user: PathUser, session: SessionDep
) -> PreferencesRead:
    """Change some of your settings: only the fields sent change (null clears the time
    zone or the currency). An unknown theme, time zone or currency is refused (422) and
    nothing changes."""
    return await preferences.update(session, user, body)
