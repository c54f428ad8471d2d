"""`python -m pattern.backup [FOLDER]` (make backup): a consistent copy of the database.

SQLite: the online backup API, safe while the server runs. PostgreSQL: pg_dump's custom
format (restore with pg_restore). Prints the path of the file it wrote.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from pattern.config import Settings


def backup(settings: Settings, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
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
        return target
    target = folder / f"pattern-{stamp}.dump"
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_dump", "--format=custom", f"--file={target}", plain], check=True)
    return target


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("backups")
    print(backup(Settings(), folder))  # noqa: T201


if __name__ == "__main__":
    main()
