"""A person's categories as they see them: Plaid's defaults, the categories in use, and
what their rows changed (names, colours, groups, hidden, merged). Plain Python."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pattern.categories.placement import Placements
from pattern.categories.schemas import CategoryGroup, CategoryItem, Source
from pattern.categories.taxonomy import PLAID_GROUP_OF, PLAID_GROUPS
from pattern.models import Category

_CODE = re.compile(r"^[A-Z0-9]+(?:_[A-Z0-9]+)*$")


def default_label(code: str, group: str | None = None) -> str:
    """As the web app words a code: "FOOD_AND_DRINK" -> "Food and drink", and a category
    without its group's prefix: ("FOOD_AND_DRINK_GROCERIES", "FOOD_AND_DRINK") -> "Groceries".
    Any other text is a person's and stays as written."""
    if not _CODE.match(code):
        return code
    if group and _CODE.match(group) and code.startswith(f"{group}_"):
        code = code[len(group) + 1 :]
    text = code.lower().replace("_", " ")
    return text[:1].upper() + text[1:]


@dataclass
class Entry:
    code: str
    label: str
    source: Source
    group: str = ""
    color: str | None = None
    hidden: bool = False


@dataclass
class Catalogue:
    groups: dict[str, Entry] = field(default_factory=dict)
    categories: dict[str, Entry] = field(default_factory=dict)
    # Category rows merged away: code -> the code kept.
    merged: dict[str, str] = field(default_factory=dict)
    # Rows by (is_group, code).
    rows: dict[tuple[bool, str], Category] = field(default_factory=dict)

    def placements(self) -> Placements:
        """Merged categories into the one kept (in its group), and categories with a row
        into the group the person gave them."""
        places = {
            code: (self.categories[into].group, into)
            for code, into in self.merged.items()
            if into in self.categories
        }
        for (is_group, code), _ in self.rows.items():
            entry = self.categories.get(code)
            if not is_group and entry and PLAID_GROUP_OF.get(code) != entry.group:
                places[code] = (entry.group, code)
        return Placements(places)

    def names_taken(self, entries: Iterable[Entry], but: str | None = None) -> set[str]:
        """Lowercase labels and codes of `entries` (the merged codes too), but one."""
        taken = {e.label.lower() for e in entries if e.code != but}
        taken |= {e.code.lower() for e in entries if e.code != but}
        return taken | {code.lower() for code in self.merged}

    def tree(self) -> list[CategoryGroup]:
        order = list(PLAID_GROUPS)
        groups = sorted(
            self.groups.values(),
            key=lambda g: (order.index(g.code) if g.code in order else len(order), g.label.lower()),
        )
        members: dict[str, list[Entry]] = {g.code: [] for g in groups}
        for entry in self.categories.values():
            members.setdefault(entry.group, []).append(entry)
        return [
            CategoryGroup(
                code=g.code,
                label=g.label,
                color=g.color,
                hidden=g.hidden,
                source=g.source,
                categories=[_item(e) for e in sorted(members[g.code], key=_by_label)],
            )
            for g in groups
        ]


def _by_label(entry: Entry) -> tuple[bool, str]:
    # Plaid's "Other ..." after the rest of its group.
    return entry.label.lower().startswith("other"), entry.label.lower()


def _item(entry: Entry) -> CategoryItem:
    return CategoryItem(
        code=entry.code,
        label=entry.label,
        group=entry.group,
        color=entry.color,
        hidden=entry.hidden,
        source=entry.source,
    )


def build(rows: Sequence[Category], in_use: Iterable[tuple[str | None, str | None]]) -> Catalogue:
    found = Catalogue()
    for group, codes in PLAID_GROUPS.items():
        found.groups[group] = Entry(group, default_label(group), "plaid")
        for code in codes:
            found.categories[code] = Entry(code, default_label(code, group), "plaid", group)
    for used_group, used in in_use:
        if not used_group:
            continue
        if used_group not in found.groups:
            found.groups[used_group] = Entry(used_group, default_label(used_group), "found")
        if used and used not in found.categories:
            found.categories[used] = Entry(
                used, default_label(used, used_group), "found", used_group
            )
    for row in rows:
        found.rows[(row.is_group, row.code)] = row
        _apply(found, row)
    return found


def _apply(found: Catalogue, row: Category) -> None:
    entries = found.groups if row.is_group else found.categories
    if row.merged_into:
        entries.pop(row.code, None)
        found.merged[row.code] = row.merged_into
        return
    entry = entries.get(row.code)
    if entry is None:
        entry = entries[row.code] = Entry(row.code, row.code, "own")
    if row.own and entry.source != "plaid":
        entry.source = "own"
    if row.group_code and not row.is_group:
        entry.group = row.group_code
    plaid_group = PLAID_GROUP_OF.get(row.code, entry.group)
    entry.label = row.label or (row.code if row.own else default_label(row.code, plaid_group))
    entry.color, entry.hidden = row.color, row.hidden
