from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request

from pattern.kit.deps import SettingsDep, provided
from pattern.kit.hosts import host_name
from pattern.two_factor.passkeys import Passkeys, RelyingParty
from pattern.two_factor.service import TwoFactor

TwoFactorDep = Annotated[TwoFactor, Depends(provided(TwoFactor))]
PasskeysDep = Annotated[Passkeys, Depends(provided(Passkeys))]


async def get_relying_party(request: Request, settings: SettingsDep) -> RelyingParty:
    """Passkeys belong to PUBLIC_URL's host name; without one, to the host the page was
    served from (the middleware let only allowed hosts through)."""
    if settings.public_url:
        parts = urlsplit(settings.public_url)
        return RelyingParty(id=parts.hostname or "", origin=f"{parts.scheme}://{parts.netloc}")
    host = request.headers.get("host", "")
    return RelyingParty(id=host_name(host) or "", origin=f"{request.url.scheme}://{host}")


RelyingPartyDep = Annotated[RelyingParty, Depends(get_relying_party)]
