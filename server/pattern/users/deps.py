from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from pattern.kit.deps import client_address, provided
from pattern.kit.errors import TooManyRequests
from pattern.users.sign_up_limits import SignUpLimits


async def within_sign_up_limits(
    request: Request, limits: Annotated[SignUpLimits, Depends(provided(SignUpLimits))]
) -> None:
    """Counts a sign-up attempt; 429 with Retry-After past the limits (before any work)."""
    wait = await limits.retry_after(client_address(request))
    if wait:
        raise TooManyRequests.wait("sign-ups", wait)


WithinSignUpLimits = Annotated[None, Depends(within_sign_up_limits)]
