"""`python -m tools.function_length FOLDER...`: fails when a function is longer than
MAX_LINES lines (docstring and comments included), naming each one.

Ruff counts statements and branches (PLR0915, C901), not lines; a long function of simple
statements is still hard to read whole.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_LINES = 60


def long_functions(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_LINES:
                    found.append(f"{path}:{node.lineno}: {node.name} has {lines} lines")
    return found


def main() -> None:
    found = [line for folder in sys.argv[1:] for line in long_functions(Path(folder))]
    for line in found:
        print(line)  # noqa: T201
    if found:
        sys.exit(f"{len(found)} function(s) longer than {MAX_LINES} lines: split them")


if __name__ == "__main__":
    main()
