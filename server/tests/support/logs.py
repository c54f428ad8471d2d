"""The product's log, as its handler writes it, from records pytest's caplog captured."""

from __future__ import annotations

import logging

import pytest

from pattern.app.logs import LogFormat, configure_logging


def capture_product_logs(caplog: pytest.LogCaptureFixture) -> None:
    """Log as the product does (INFO), every record also reaching caplog."""
    configure_logging("INFO")
    logging.getLogger().addHandler(caplog.handler)
    caplog.clear()


def as_logged(caplog: pytest.LogCaptureFixture, log_format: LogFormat = "text") -> str:
    """The captured records in the product's text or JSON lines."""
    configure_logging("INFO", log_format)
    formatter = logging.getLogger().handlers[0].formatter
    assert formatter is not None
    try:
        return "\n".join(formatter.format(record) for record in caplog.records)
    finally:
        configure_logging("INFO")
