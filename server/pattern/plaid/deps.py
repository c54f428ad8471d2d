"""The app's Plaid client, for the routes that call Plaid themselves."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.kit.deps import provided
from pattern.plaid.client import PlaidClient

PlaidDep = Annotated[PlaidClient, Depends(provided(PlaidClient))]
