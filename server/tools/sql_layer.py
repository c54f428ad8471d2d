"""`python -m tools.sql_layer PACKAGE...`: fails when SQL is built or run outside the data layer.

The data layer of a package is its repository and query modules (files named repository.py,
query.py or queries.py), its models, the sync's page storage (sync/storage/, one module per
database) and the kit's database helpers. Anywhere else, a module
may not import the names that build statements (select, update, func, and_...), the kit's
statement helpers (insert_for, id_in), nor SQLAlchemy's SQL modules, and may not hand a
statement to a session or connection (`session.execute(...)`, `.scalars(...)`...). Services
and routes use ORM objects (`session.get`, `session.add`, attribute changes, flush) and call
a repository for anything else.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

# Modules of the data layer, by file name anywhere in the package.
SQL_MODULE_NAMES = {"repository.py", "query.py", "queries.py"}
# ... and by path inside the package.
SQL_FILES = {"kit/db.py", "kit/upsert.py"}
SQL_FOLDERS = ("models/", "sync/storage/")

# What builds a statement or a part of one.
BUILDERS = {
    "select",
    "insert",
    "update",
    "delete",
    "text",
    "func",
    "and_",
    "or_",
    "not_",
    "exists",
    "case",
    "cast",
    "extract",
    "literal",
    "literal_column",
    "column",
    "table",
    "null",
    "true",
    "false",
    "any_",
    "all_",
    "bindparam",
    "tuple_",
    "distinct",
    "asc",
    "desc",
    "nulls_first",
    "nulls_last",
    "between",
    "collate",
    "type_coerce",
    "over",
    "within_group",
    "lateral",
    "values",
    "join",
    "outerjoin",
    "union",
    "union_all",
    "intersect",
    "intersect_all",
    "except_",
    "except_all",
    "alias",
    "aliased",
}
# SQLAlchemy's modules that hold the builders (`from sqlalchemy.sql import expression`).
BUILDER_MODULES = {"sql", "expression", "functions", "postgresql", "sqlite", "mysql", "future"}
# The kit's own statement helpers.
KIT_BUILDERS = {"pattern.kit.upsert": {"insert_for"}, "pattern.kit.db": {"id_in"}}
# What runs a statement: a call of one of these with an argument (Redis's pipeline.execute()
# takes none).
RUNNERS = {"execute", "scalar", "scalars", "stream", "stream_scalars", "exec_driver_sql"}


def in_data_layer(relative: str) -> bool:
    return (
        Path(relative).name in SQL_MODULE_NAMES
        or relative in SQL_FILES
        or relative.startswith(SQL_FOLDERS)
    )


def _is_sqlalchemy(module: str) -> bool:
    return module == "sqlalchemy" or module.startswith("sqlalchemy.")


def _import_problems(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == "sqlalchemy" or (
                _is_sqlalchemy(alias.name) and alias.name.rsplit(".", 1)[-1] in BUILDER_MODULES
            ):
                yield f"imports {alias.name}"
        return
    module = node.module or ""
    if _is_sqlalchemy(module):
        for alias in node.names:
            if alias.name in BUILDERS or alias.name in BUILDER_MODULES:
                yield f"imports {alias.name} from {module}"
    for alias in node.names:
        if alias.name in KIT_BUILDERS.get(module, set()):
            yield f"imports {alias.name} from {module}"


def _runs_statement(node: ast.Call) -> bool:
    return (
        isinstance(node.func, ast.Attribute)
        and node.func.attr in RUNNERS
        and bool(node.args or node.keywords)
    )


def problems(source: str, filename: str = "<source>") -> list[tuple[int, str]]:
    """(line, what) for each piece of SQL building or running in a module's source."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            found += [(node.lineno, problem) for problem in _import_problems(node)]
        elif isinstance(node, ast.Call) and _runs_statement(node):
            assert isinstance(node.func, ast.Attribute)
            found.append((node.lineno, f"runs a statement (.{node.func.attr})"))
    return sorted(found)


def outside_the_data_layer(package: Path) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if in_data_layer(relative):
            continue
        for line, problem in problems(path.read_text(), str(path)):
            found.append(f"{path}:{line}: {problem}")
    return found


def main() -> None:
    found = [line for package in sys.argv[1:] for line in outside_the_data_layer(Path(package))]
    for line in found:
        print(line)  # noqa: T201
    if found:
        sys.exit(
            f"{len(found)} piece(s) of SQL outside repository and query modules: "
            "move them into the domain's repository.py (or query.py)"
        )


if __name__ == "__main__":
    main()
