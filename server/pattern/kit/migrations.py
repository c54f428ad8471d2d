"""Apply and inspect Alembic migrations from inside the server (start-up, readiness, tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine


def alembic_config(migrations_dir: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return config


def head_revisions(migrations_dir: Path) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(migrations_dir)).get_heads())


async def upgrade_to_head(engine: AsyncEngine, migrations_dir: Path) -> None:
    config = alembic_config(migrations_dir)

    def run(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def current_revisions(engine: AsyncEngine) -> set[str]:
    def read(connection: Connection) -> set[str]:
        return set(MigrationContext.configure(connection).get_current_heads())

    async with engine.connect() as connection:
        return await connection.run_sync(read)


async def is_current(engine: AsyncEngine, migrations_dir: Path) -> bool:
    return await current_revisions(engine) == head_revisions(migrations_dir)
