"""Passkeys: added and removed in Settings, and logging in with one (as the second step, or
alone)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from pattern.auth.cookies import (
    PASSKEY_COOKIE,
    PENDING_COOKIE,
    set_passkey_cookie,
    set_pending_cookie,
)
from pattern.auth.deps import SessionsDep, SignedInSession
from pattern.auth.router import start_session
from pattern.kit.deps import SessionDep, SettingsDep
from pattern.two_factor.deps import PasskeysDep, RelyingPartyDep, TwoFactorDep
from pattern.two_factor.router import password_checked
from pattern.two_factor.schemas import (
    PasskeyAdded,
    PasskeyAssertion,
    PasskeyOptions,
    PasskeyRead,
    PasskeyRegistration,
    PasswordBody,
)
from pattern.users.schemas import UserRead

router = APIRouter(prefix="/two-factor/passkeys", tags=["two-factor"])
sessions_router = APIRouter(prefix="/sessions/passkey", tags=["sessions"])


@router.post("/options", response_model=PasskeyOptions)
async def passkey_registration_options(
    body: PasswordBody,
    current: SignedInSession,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    passkeys: PasskeysDep,
    rp: RelyingPartyDep,
    settings: SettingsDep,
) -> PasskeyOptions:
    """Start adding a passkey (your password needed): the options for
    navigator.credentials.create(), as @simplewebauthn/browser's startRegistration takes them."""
    user = await password_checked(current, body.password, session, sessions)
    ceremony = await passkeys.registration(session, user, rp)
    set_passkey_cookie(response, ceremony.challenge_token, settings)
    return PasskeyOptions(options=ceremony.options)


@router.post("", status_code=201, response_model=PasskeyAdded)
async def add_passkey(
    body: PasskeyRegistration,
    request: Request,
    response: Response,
    current: SignedInSession,
    session: SessionDep,
    passkeys: PasskeysDep,
    two_factor: TwoFactorDep,
    rp: RelyingPartyDep,
    settings: SettingsDep,
) -> PasskeyAdded:
    """Add the passkey the browser made from the options, under a name of your choice. The
    first second factor also brings ten recovery codes, shown in this answer only."""
    passkey = await passkeys.register(
        session,
        current[0],
        name=body.name,
        credential=body.credential,
        challenge_token=request.cookies.get(PASSKEY_COOKIE),
        rp=rp,
    )
    set_passkey_cookie(response, None, settings)
    codes = await two_factor.first_recovery_codes(session, current[0].id)
    return PasskeyAdded(**PasskeyRead.model_validate(passkey).model_dump(), recovery_codes=codes)


@router.delete("/{passkey_id}", status_code=204)
async def remove_passkey(
    passkey_id: int,
    body: PasswordBody,
    current: SignedInSession,
    session: SessionDep,
    sessions: SessionsDep,
    passkeys: PasskeysDep,
) -> None:
    """Remove one of your passkeys (your password needed)."""
    user = await password_checked(current, body.password, session, sessions)
    await passkeys.remove(session, user, passkey_id)


@sessions_router.post("/options", response_model=PasskeyOptions)
async def passkey_log_in_options(
    request: Request,
    response: Response,
    session: SessionDep,
    two_factor: TwoFactorDep,
    passkeys: PasskeysDep,
    rp: RelyingPartyDep,
    settings: SettingsDep,
) -> PasskeyOptions:
    """Start logging in with a passkey: after the password (POST /api/sessions answered
    202), one of that person's; else any passkey of this server, verified by the device."""
    user_id = two_factor.pending_user(request.cookies.get(PENDING_COOKIE))
    ceremony = await passkeys.authentication(session, user_id, rp)
    set_passkey_cookie(response, ceremony.challenge_token, settings)
    return PasskeyOptions(options=ceremony.options)


@sessions_router.post("", response_model=UserRead)
async def log_in_with_passkey(
    body: PasskeyAssertion,
    request: Request,
    response: Response,
    session: SessionDep,
    sessions: SessionsDep,
    passkeys: PasskeysDep,
    rp: RelyingPartyDep,
    settings: SettingsDep,
) -> UserRead:
    """Complete the log-in with the browser's answer to the options; sets the session's
    cookies as a log-in does."""
    user = await passkeys.authenticate(
        session,
        credential=body.credential,
        challenge_token=request.cookies.get(PASSKEY_COOKIE),
        rp=rp,
    )
    set_passkey_cookie(response, None, settings)
    set_pending_cookie(response, None, settings)
    return await start_session(session, sessions, user, request, response, settings)
