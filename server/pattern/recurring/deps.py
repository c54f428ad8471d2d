"""The recurring streams' background refresher, for the routes that read the streams."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pattern.kit.deps import provided
from pattern.recurring.updates import RecurringUpdates

UpdatesDep = Annotated[RecurringUpdates, Depends(provided(RecurringUpdates))]
