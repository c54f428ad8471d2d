from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from pattern.health.schemas import ClientConfig, Readiness
from pattern.kit.db import ping
from pattern.kit.deps import EngineDep, SessionDep, SettingsDep
from pattern.kit.migrations import is_current
from pattern.users import service as users_service

router = APIRouter(tags=["health"])


@router.get("/health")
async def health() -> dict[str, str]:
    """Alive: the process answers."""
    return {"status": "ok"}


@router.get("/config", response_model=ClientConfig)
async def client_config(settings: SettingsDep, session: SessionDep) -> dict[str, str | bool | None]:
    """What the web client needs to know: which Plaid it talks to (Link differs by mode),
    whether the administrator's account is still to be made, who may sign up, and how
    people log in (single sign-on and its button's label, passwords)."""
    emulated = settings.plaid_env.value == "emulator"
    return {
        "plaid_env": settings.plaid_env.value,
        "emulator_url": "/plaid-emulator"
        if emulated and not settings.plaid_emulator_url
        else (settings.plaid_emulator_url or None),
        "setup_required": await users_service.needs_setup(session),
        "sign_up": settings.signup,
        "sso_enabled": settings.sso_enabled,
        "sso_name": settings.oidc_name if settings.sso_enabled else None,
        "password_login": settings.password_login,
    }


@router.get(
    "/ready",
    response_model=None,
    responses={200: {"model": Readiness}, 503: {"model": Readiness}},
)
async def ready(engine: EngineDep, settings: SettingsDep) -> JSONResponse:
    """Ready: the database answers and its schema is at the latest migration."""
    try:
        await ping(engine)
        migrations_current = await is_current(engine, settings.migrations_dir)
    except Exception:
        return JSONResponse(
            {"ready": False, "database": False, "migrations_current": False}, status_code=503
        )
    return JSONResponse(
        {"ready": migrations_current, "database": True, "migrations_current": migrations_current},
        status_code=200 if migrations_current else 503,
    )
