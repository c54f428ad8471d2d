from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from pattern.kit.deps import ContextDep, client_address
from pattern.kit.errors import TooManyRequests


async def within_sign_up_limits(request: Request, context: ContextDep) -> None:
    """Counts a sign-up attempt; 429 with Retry-After past the limits (before any work)."""
    wait = await context.sign_up_limits.retry_after(client_address(request))
    if wait:
        raise TooManyRequests(
            f"Too many sign-ups; try again in {wait} seconds.", headers={"Retry-After": str(wait)}
        )


WithinSignUpLimits = Annotated[None, Depends(within_sign_up_limits)]
