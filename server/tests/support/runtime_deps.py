"""A clean virtual environment that sees the server's runtime dependencies only.

Installing them afresh costs a minute (resolving against the index, unpacking some sixty
wheels) and proves nothing `make install` has not: it resolved the same requirements. What
a clean environment does prove is that the server needs nothing it does not declare. So the
packages `pattern` requires, followed through their own requirements, are linked from this
environment into a directory the new one reads through a .pth file; the dev tools and this
checkout's editable `pattern` stay out of sight. pip sees the requirements as satisfied and
installs the server alone, as the Dockerfile says.
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement


def _key(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def requirement_closure(project: str) -> set[str]:
    """The distributions `project` needs to run, by the markers and extras asked for."""
    extras_of: dict[str, set[str]] = {}
    todo: list[tuple[str, set[str]]] = [(project, set())]
    while todo:
        name, extras = todo.pop()
        key = _key(name)
        known = extras_of.get(key)
        if known is not None and extras <= known:
            continue
        extras_of[key] = (known or set()) | extras
        environments = [{"extra": extra} for extra in extras_of[key] or {""}]
        for line in metadata.distribution(name).requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or any(marker.evaluate(env) for env in environments):
                todo.append((requirement.name, set(requirement.extras)))
    return set(extras_of) - {_key(project)}


def link_distributions(names: set[str], into: Path) -> None:
    """Link each distribution's top-level files (packages, modules, dist-info) into `into`."""
    into.mkdir(parents=True, exist_ok=True)
    for name in names:
        distribution = metadata.distribution(name)
        for top in {file.parts[0] for file in distribution.files or []}:
            if top in ("..", "__pycache__"):  # scripts and data; compiled files
                continue
            source = Path(str(distribution.locate_file(top)))
            if not (into / top).exists():
                (into / top).symlink_to(source)


def venv_with_runtime_deps(venv: Path, project: str = "pattern") -> Path:
    """A venv (without pip of its own: this one's is linked) seeing `project`'s runtime deps."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site_packages = venv / "lib" / version / "site-packages"
    deps = venv / "runtime-deps"
    link_distributions(requirement_closure(project) | {"pip"}, deps)
    (site_packages / "runtime-deps.pth").write_text(f"{deps}\n")
    pip = venv / "bin" / "pip"
    pip.write_text(f'#!/bin/sh\nexec "{venv / "bin" / "python"}" -m pip "$@"\n')
    os.chmod(pip, 0o755)
    return site_packages
