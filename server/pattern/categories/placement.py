"""Where a category's transactions go: into the category it was merged into, and into the
group it was moved to. Plain Python, so the sync applies it to every row it writes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

Place = tuple[str, str]  # (group, category)


@dataclass(frozen=True)
class Placements:
    # A category's code -> the (group, category) its transactions belong in.
    of: Mapping[str, Place] = field(default_factory=dict)

    def place(self, category: str | None, subcategory: str | None) -> tuple[str | None, str | None]:
        """(group, category) as Plaid, a rule or an edit gave them -> as the person set
        their categories up."""
        place = self.of.get(subcategory) if subcategory is not None else None
        return place if place is not None else (category, subcategory)


NOWHERE = Placements()
