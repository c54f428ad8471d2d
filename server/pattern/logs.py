"""Logging set-up: text or JSON lines, each with the id of the request that wrote it."""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from typing import Literal

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


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
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
    handler.setFormatter(
        JsonFormatter()
        if log_format == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log prints query strings; ours prints the path only.
    logging.getLogger("uvicorn.access").disabled = True
    # These log SQL parameters or HTTP headers (hashes, tokens, cookies) at DEBUG: keep quiet.
    for name in _PARAMETER_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
