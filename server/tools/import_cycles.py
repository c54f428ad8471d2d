"""An import-linter contract: no import cycle between any modules of the packages named.

import-linter's own acyclic_siblings contract looks at packages as wholes; two domains may
use each other's lower layers (the users router uses the sessions service, which reads the
users repository) without any module importing itself again, and that is fine. A cycle of
modules is not: it is what made the old service locator impossible to follow.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

import grimp
from importlinter import Contract, ContractCheck, fields, output


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        modules: set[str] = set()
        for package in self.packages:  # type: ignore[attr-defined]
            modules |= {package} | graph.find_descendants(package)
        order = TopologicalSorter(
            {
                module: graph.find_modules_directly_imported_by(module) & modules
                for module in modules
            }
        )
        try:
            order.prepare()
        except CycleError as error:  # names one cycle; lint again once it is broken
            return ContractCheck(kept=False, metadata={"cycle": list(error.args[1])})
        return ContractCheck(kept=True)

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("These modules import one another in a cycle:", bold=True)
        output.print_error("  " + " -> ".join(check.metadata["cycle"]))
        output.new_line()
