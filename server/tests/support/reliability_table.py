"""pytest plugin for `make reliability`: a table of what was tried and what happened."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class Row:
    tried: str
    outcome: str
    seconds: float


_rows: dict[str, Row] = {}


def _describe(item: pytest.Item) -> str:
    function = getattr(item, "function", None)
    doc = (function.__doc__ or "").strip().splitlines() if function else []
    name = doc[0] if doc else item.name.split("[")[0].removeprefix("test_").replace("_", " ")
    variant = item.name.partition("[")[2].rstrip("]")
    return f"{name} [{variant}]" if variant else name


def pytest_collection_finish(session: pytest.Session) -> None:
    # session.items is what remains after -m deselected the rest.
    for item in session.items:
        _rows[item.nodeid] = Row(_describe(item), "not run", 0.0)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    row = _rows.get(report.nodeid)
    if row is None:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        row.outcome = "PASS" if report.outcome == "passed" else report.outcome.upper()
        row.seconds += report.duration


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _rows:
        return
    width = min(100, max(len(row.tried) for row in _rows.values()))
    terminalreporter.section("reliability: what was tried and what happened")
    terminalreporter.write_line(f"{'tried':<{width}}  {'result':<7} {'seconds':>8}")
    for row in _rows.values():
        terminalreporter.write_line(
            f"{row.tried[:width]:<{width}}  {row.outcome:<7} {row.seconds:>8.1f}"
        )
    passed = sum(row.outcome == "PASS" for row in _rows.values())
    terminalreporter.write_line(f"{passed} of {len(_rows)} passed")
