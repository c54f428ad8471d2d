from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.kit.deps import provided
from pattern.two_factor.service import TwoFactor

TwoFactorDep = Annotated[TwoFactor, Depends(provided(TwoFactor))]
