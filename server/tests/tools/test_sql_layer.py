"""tools/sql_layer.py, `make lint`'s check that SQL is built only in repository and query
modules: what it flags, what it lets through, and that the package passes it."""

from __future__ import annotations

from pathlib import Path

import pattern
from tools.sql_layer import in_data_layer, outside_the_data_layer, problems

# net_worth/router.py before its query moved into the repository.
ROUTER_BUILDING_SQL = """
from sqlalchemy import select

from pattern.models import AccountBalanceHistory


async def balance_history(account, session):
    rows = await session.scalars(
        select(AccountBalanceHistory).where(AccountBalanceHistory.account_id == account.id)
    )
    return list(rows)
"""

SERVICE_USING_THE_ORM = """
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Asset, User
from pattern.net_worth import repository


async def create(session: AsyncSession, user_id: int) -> Asset:
    user = await session.get(User, user_id)
    asset = Asset(user_id=user.id)
    session.add(asset)
    try:
        await session.flush()
    except IntegrityError:
        raise
    await session.delete(asset)
    await repository.snapshots(session, user_id)
    return asset


async def waits(pipe) -> list[int]:
    return await pipe.execute()  # a Redis pipeline's, with no statement
"""


def test_a_router_building_and_running_sql_is_flagged() -> None:
    assert problems(ROUTER_BUILDING_SQL) == [
        (2, "imports select from sqlalchemy"),
        (8, "runs a statement (.scalars)"),
    ]


def test_a_service_using_orm_objects_and_a_repository_passes() -> None:
    assert problems(SERVICE_USING_THE_ORM) == []


def test_every_way_to_reach_a_builder_is_flagged() -> None:
    source = "\n".join(
        [
            "import sqlalchemy as sa",
            "import sqlalchemy.sql.expression",
            "from sqlalchemy import func, and_, Row",
            "from sqlalchemy.dialects import postgresql",
            "from sqlalchemy.orm import aliased",
            "from pattern.kit.upsert import insert_for",
            "from pattern.kit.db import id_in, after_commit",
            "rows = connection.execute(statement)",
            "total = session.scalar(counted)",
        ]
    )
    assert [line for line, _ in problems(source)] == [1, 2, 3, 3, 4, 5, 6, 7, 8, 9]


def test_repositories_query_modules_models_and_the_kit_db_are_the_data_layer() -> None:
    for inside in [
        "net_worth/repository.py",
        "transactions/query.py",
        "insights/queries.py",
        "models/transactions.py",
        "kit/db.py",
        "kit/upsert.py",
        "sync/storage/postgres.py",
    ]:
        assert in_data_layer(inside), inside
    for outside in [
        "net_worth/router.py",
        "net_worth/service.py",
        "accounts/deps.py",
        "transactions/export.py",
        "kit/deps.py",
        "app/parts.py",
        "sync/engine.py",
    ]:
        assert not in_data_layer(outside), outside


def test_the_package_builds_sql_only_in_its_data_layer() -> None:
    assert outside_the_data_layer(Path(pattern.__file__).parent) == []


def test_a_router_building_sql_fails_the_package(tmp_path: Path) -> None:
    package = tmp_path / "pattern"
    (package / "net_worth").mkdir(parents=True)
    (package / "net_worth" / "router.py").write_text(ROUTER_BUILDING_SQL)
    (package / "net_worth" / "repository.py").write_text(ROUTER_BUILDING_SQL)
    assert outside_the_data_layer(package) == [
        f"{package}/net_worth/router.py:2: imports select from sqlalchemy",
        f"{package}/net_worth/router.py:8: runs a statement (.scalars)",
    ]
