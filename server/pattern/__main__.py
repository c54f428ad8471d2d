"""`python -m pattern`: apply pending migrations, then serve on PORT.

`python -m pattern worker`: apply pending migrations, then run syncs only (beside servers
that share its PostgreSQL database; see docs/deployment.md).

`python -m pattern create-admin`: make an administrator account at the console (the first
one of a new installation, without the setup code, or another one later).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

import uvicorn

from pattern.app.logs import configure_logging
from pattern.app.worker import run_worker
from pattern.kit.config import Settings
from pattern.kit.db import create_engine, create_sessionmaker
from pattern.kit.errors import AppError
from pattern.kit.files import keep_private, secure_folder
from pattern.kit.keys import MissingSecretError, load_secrets
from pattern.kit.migrations import upgrade_to_head
from pattern.users import service as users_service
from pattern.users import setup_code


async def _migrate(settings: Settings) -> None:
    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade_to_head(engine, settings.migrations_dir)
    finally:
        await engine.dispose()


def serve(settings: Settings) -> None:
    uvicorn.run(
        "pattern.app.factory:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips=settings.trusted_proxies,
    )


async def _create_admin(settings: Settings, username: str, password: str) -> str:
    engine = create_engine(settings.resolved_database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            user = await users_service.create_admin(session, username=username, password=password)
            await session.commit()
            setup_code.forget(settings.data_dir)
            return user.username
    finally:
        await engine.dispose()


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        sys.exit("pattern: the passwords differ")
    return password


def create_admin(settings: Settings, arguments: argparse.Namespace) -> None:
    username = arguments.username or input("Username: ").strip()
    password = _read_password(arguments.password_stdin)
    try:
        name = asyncio.run(_create_admin(settings, username, password))
    except AppError as exc:
        sys.exit(f"pattern: {exc.message}")
    print(f"{name} is an administrator now; log in at the web app.")  # noqa: T201


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pattern", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="apply migrations, then serve (the default)")
    commands.add_parser("worker", help="apply migrations, then run syncs only")
    admin = commands.add_parser("create-admin", help="make an administrator account")
    admin.add_argument("--username", help="asked for when not given")
    admin.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    return parser.parse_args()


def main() -> None:
    arguments = _arguments()
    keep_private()
    settings = Settings()
    configure_logging(settings.log_level, settings.log_format)
    try:
        load_secrets(settings)
    except MissingSecretError as exc:
        sys.exit(f"pattern: {exc}")
    secure_folder(settings.data_dir)
    asyncio.run(_migrate(settings))
    if arguments.command == "create-admin":
        create_admin(settings, arguments)
    elif arguments.command == "worker":
        asyncio.run(run_worker(settings))
    else:
        serve(settings)


if __name__ == "__main__":
    main()
