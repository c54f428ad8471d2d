"""`python -m pattern.app.backup [FOLDER]` (make backup): a consistent copy of the database.

SQLite: the online backup API, safe while the server runs. PostgreSQL: pg_dump's custom
format (restore with pg_restore). Prints the path of the file it wrote. The folder and the
copy are owner-only, and pg_dump gets the database password from its environment, where
other local users cannot read it (they can read its command line).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from pattern.kit.config import Settings
from pattern.kit.files import keep_private, secure_folder


def backup(settings: Settings, folder: Path) -> Path:
    secure_folder(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() == "sqlite":
        target = folder / f"pattern-{stamp}.db"
        source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        target.chmod(0o600)
        return target
    target = folder / f"pattern-{stamp}.dump"
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    plain = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    ).render_as_string(hide_password=False)
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={target}", plain], check=True, env=environment
    )
    target.chmod(0o600)
    return target


def main() -> None:
    keep_private()
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("backups")
    print(backup(Settings(), folder))  # noqa: T201


if __name__ == "__main__":
    main()
