"""INSERT ... ON CONFLICT for whichever backend the session runs on."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


def insert_for(session: AsyncSession, model: type[DeclarativeBase]) -> Any:
    """A dialect-specific insert() that offers on_conflict_do_update / do_nothing."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)
