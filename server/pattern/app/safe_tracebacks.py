"""Tracebacks fit for a log: a database error shows its kind, never its statement or values.

SQLAlchemy writes a failed statement and its parameters into its exceptions (the engines
hide the parameters, see db.py, but not the statement), and PostgreSQL's own messages quote
values: "Key (username)=(alice) already exists", "Failing row contains (...)" with an
encrypted access token in it. The drivers' exceptions beneath SQLAlchemy's only repeat
that, from inside the driver, so they are left out.
"""

from __future__ import annotations

import traceback
from textwrap import indent

from sqlalchemy.exc import StatementError

_DRIVER_PACKAGES = frozenset({"asyncpg", "sqlite3", "aiosqlite"})
# Names of schema objects, which are safe to log: never values.
_NAMES = ("constraint_name", "table_name", "column_name")
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def is_database_error(exc: BaseException) -> bool:
    if isinstance(exc, StatementError):
        return True
    module = type(exc).__module__
    return module.partition(".")[0] in _DRIVER_PACKAGES or module.startswith("sqlalchemy.dialects.")


def describe_database_error(exc: BaseException) -> str:
    """E.g. "sqlalchemy.exc.IntegrityError: UniqueViolationError (SQLSTATE 23505,
    constraint_name uq_users_username); statement and values not logged"."""
    driver = exc
    while True:  # down to the driver's own exception, which knows the SQLSTATE
        inner = getattr(driver, "orig", None) or driver.__cause__
        if inner is None or not is_database_error(inner):
            break
        driver = inner
    details = []
    code = getattr(driver, "sqlstate", None) or getattr(driver, "sqlite_errorname", None)
    if code:
        details.append(f"SQLSTATE {code}" if hasattr(driver, "sqlstate") else str(code))
    details += [f"{name} {getattr(driver, name)}" for name in _NAMES if getattr(driver, name, None)]
    kind = type(driver).__name__ + (f" ({', '.join(details)})" if details else "")
    return f"{_qualified_name(exc)}: {kind}; statement and values not logged"


def format_exception(exc: BaseException) -> str:
    """The traceback as Python prints it, with database errors described as above."""
    return "".join(_lines(exc, set())).rstrip("\n")


def _lines(exc: BaseException, seen: set[int]) -> list[str]:
    seen.add(id(exc))
    lines: list[str] = []
    if not is_database_error(exc):
        cause = exc.__cause__
        context = None if exc.__suppress_context__ else exc.__context__
        if cause is not None and id(cause) not in seen:
            lines += [*_lines(cause, seen), _CAUSE]
        elif context is not None and id(context) not in seen:
            lines += [*_lines(context, seen), _CONTEXT]
    if exc.__traceback__ is not None:
        lines += ["Traceback (most recent call last):\n", *traceback.format_tb(exc.__traceback__)]
    if is_database_error(exc):
        lines.append(describe_database_error(exc) + "\n")
    else:
        lines += traceback.format_exception_only(type(exc), exc)
    if isinstance(exc, BaseExceptionGroup):
        for number, inner in enumerate(exc.exceptions, start=1):
            lines.append(f"+---------------- {number} ----------------\n")
            lines.append(indent("".join(_lines(inner, seen)), "| "))
    return lines


def _qualified_name(exc: BaseException) -> str:
    kind = type(exc)
    if kind.__module__ == "builtins":
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"
