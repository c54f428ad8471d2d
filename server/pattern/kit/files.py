"""The server's files (database, keys, setup code, backups) stay readable by its own user.

Another local account (a shared Raspberry Pi, a web server's user) must not read a
database that holds every transaction and password hash, nor the keys that decrypt the
stored Plaid access tokens.
"""

from __future__ import annotations

import os
from pathlib import Path


def keep_private() -> None:
    """Files and folders this process creates from now on are owner-only."""
    os.umask(0o077)


def secure_folder(folder: Path) -> None:
    """The folder (made if missing) and the files directly in it become owner-only: files
    written before (by an older version, or `make migrate`) included."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink():
            entry.chmod(0o600)
