"""Logging set-up: text or JSON lines, each with the id of the request that wrote it."""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from types import TracebackType
from typing import Literal

from pattern.app.safe_tracebacks import describe_database_error, format_exception, is_database_error

_PARAMETER_LOGGERS = (
    "aiosqlite",
    "asyncpg",
    "sqlalchemy.engine",
    "sqlalchemy.pool",
    "urllib3",
    "httpx",
    "httpcore",
)

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

LogFormat = Literal["text", "json"]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def printable(text: str) -> str:
    """`text` with control characters, other unprintable ones (line separators) and
    backslashes escaped: a decoded path (`%0a`) then cannot start a forged log line."""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(
        char if char.isprintable() and char != "\\" else char.encode("unicode_escape").decode()
        for char in text
    )


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class _SafeFormatter(logging.Formatter):
    """Describes database errors by their kind only, in tracebacks and in message arguments:
    their text carries SQL and values (see safe_tracebacks)."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have rendered the traceback already, with what ours leaves out.
        record.exc_text = None
        if isinstance(record.args, tuple):
            record.args = tuple(
                describe_database_error(arg)
                if isinstance(arg, BaseException) and is_database_error(arg)
                else arg
                for arg in record.args
            )
        return self.render(record)

    def render(self, record: logging.LogRecord) -> str:
        return super().format(record)

    def formatException(self, ei: ExcInfo) -> str:
        return format_exception(ei[1]) if ei[1] is not None else ""


class TextFormatter(_SafeFormatter):
    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            defaults={"request_id": "-"},
        )


class JsonFormatter(_SafeFormatter):
    """One JSON object per line, for log collectors."""

    def render(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, log_format: LogFormat = "text") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log prints query strings; ours prints the path only.
    logging.getLogger("uvicorn.access").disabled = True
    # These log SQL parameters or HTTP headers (hashes, tokens, cookies) at DEBUG: keep quiet.
    for name in _PARAMETER_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
