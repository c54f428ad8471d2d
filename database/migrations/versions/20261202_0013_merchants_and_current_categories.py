"""Merchants and Plaid's current categories: the personal finance category is the category.

Transactions keep Plaid's merchant fields (merchant_entity_id, logo_url, website,
counterparties) and the legacy category[] (legacy_categories, JSON text). The category
people see, filter, budget and write rules on (category / subcategory) becomes the
personal finance category (primary / detailed) where it was the legacy category[0] / [1];
Plaid's values beside them (original_category / original_subcategory) likewise, so the
columns personal_finance_category / personal_finance_detailed that held it go.

How the existing data moves:

- legacy_categories: ["<original_category>", "<original_subcategory>"], the levels the
  table kept (a third level was never stored); the next sync of a row sends all of them.
- A row whose category is Plaid's (not a rule's or the person's): the category becomes
  the row's own stored personal finance category.
- The mapping legacy → personal finance category comes from the data itself: every row
  that has both says how Plaid categorized that transaction in each taxonomy; a legacy
  (category, subcategory) maps to the personal finance (primary, detailed) most rows with
  it have, and a legacy category alone to the primary most of its rows have. It serves
  rows without a stored personal finance category, a category a rule or the person set
  (the edit stays an edit, in the new taxonomy), and the rules' match and set values
  (compared without case, as rules match).
- What no row maps stays as it was: the person's text keeps showing (a rule matching it
  then matches only what the person sets so), and CHANGELOG's Upgrading note asks people
  to look over their rules.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 16:30:00.000000
"""

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Pair = tuple[str | None, str | None]

tx = sa.table(
    "transactions",
    *(
        sa.column(name)
        for name in (
            "category",
            "subcategory",
            "original_category",
            "original_subcategory",
            "personal_finance_category",
            "personal_finance_detailed",
            "legacy_categories",
        )
    ),
)
rules = sa.table(
    "transaction_rules",
    *(
        sa.column(name)
        for name in (
            "id",
            "match_category",
            "match_subcategory",
            "set_category",
            "set_subcategory",
        )
    ),
)
NEW_COLUMNS = {
    "legacy_categories": sa.Text(),
    "merchant_entity_id": sa.String(64),
    "logo_url": sa.Text(),
    "website": sa.String(255),
    "counterparties": sa.Text(),
}


def _same(column: Any, value: str | None) -> Any:
    return column.is_not_distinct_from(value)


def _edited() -> Any:
    return sa.or_(
        tx.c.category.is_distinct_from(tx.c.original_category),
        tx.c.subcategory.is_distinct_from(tx.c.original_subcategory),
    )


class Mapping:
    """Legacy → personal finance categories, as the rows that have both say."""

    def __init__(self, connection: sa.Connection) -> None:
        pairs: dict[Pair, Counter[Pair]] = {}
        tops: dict[str, Counter[str]] = {}
        counted = connection.execute(
            sa.select(
                tx.c.original_category,
                tx.c.original_subcategory,
                tx.c.personal_finance_category,
                tx.c.personal_finance_detailed,
                sa.func.count(),
            )
            .where(tx.c.personal_finance_category.is_not(None), tx.c.original_category.is_not(None))
            .group_by(*list(tx.c)[2:6])
        )
        for category, subcategory, primary, detailed, count in counted:
            key = (category.lower(), (subcategory or "").lower() or None)
            pairs.setdefault(key, Counter())[(primary, detailed)] += count
            tops.setdefault(category.lower(), Counter())[primary] += count
        self.pairs = {key: counter.most_common(1)[0][0] for key, counter in pairs.items()}
        self.tops = {key: counter.most_common(1)[0][0] for key, counter in tops.items()}

    def pair(self, category: str | None, subcategory: str | None) -> Pair | None:
        if category is None:
            return None
        key = (category.lower(), (subcategory or "").lower() or None)
        if key in self.pairs:
            return self.pairs[key]
        top = self.tops.get(category.lower())
        return (top, None) if top and subcategory is None else None


def _keep_legacy(connection: sa.Connection) -> None:
    """legacy_categories from the legacy levels the row kept, in one statement (the JSON
    built, and escaped, by the database's own function)."""
    array = sa.func.json_array if connection.dialect.name == "sqlite" else sa.func.json_build_array
    category, subcategory = tx.c.original_category, tx.c.original_subcategory
    connection.execute(
        tx.update()
        .where(category.is_not(None))
        .values(
            legacy_categories=sa.cast(
                sa.case(
                    (subcategory.is_(None), array(category)),
                    else_=array(category, subcategory),
                ),
                sa.Text(),
            )
        )
    )


def _move_plaids(connection: sa.Connection, mapping: Mapping) -> None:
    """Rows whose category is Plaid's: to their own personal finance category, else mapped."""
    connection.execute(
        tx.update()
        .where(sa.not_(_edited()), tx.c.personal_finance_category.is_not(None))
        .values(
            category=tx.c.personal_finance_category,
            subcategory=tx.c.personal_finance_detailed,
            original_category=tx.c.personal_finance_category,
            original_subcategory=tx.c.personal_finance_detailed,
        )
    )
    unmapped = connection.execute(
        sa.select(tx.c.original_category, tx.c.original_subcategory)
        .distinct()
        .where(sa.not_(_edited()), tx.c.personal_finance_category.is_(None))
    )
    for category, subcategory in unmapped.all():
        mapped = mapping.pair(category, subcategory)
        if mapped is None:
            continue
        connection.execute(
            tx.update()
            .where(sa.not_(_edited()), tx.c.personal_finance_category.is_(None))
            .where(_same(tx.c.original_category, category))
            .where(_same(tx.c.original_subcategory, subcategory))
            .values(
                category=mapped[0],
                subcategory=mapped[1],
                original_category=mapped[0],
                original_subcategory=mapped[1],
            )
        )


def _move_edits(connection: sa.Connection, mapping: Mapping) -> None:
    """Rows a rule or the person categorized: both their values move to the new taxonomy."""
    columns = list(tx.c)[:6]
    found = connection.execute(sa.select(*columns).distinct().where(_edited()))
    for shown_c, shown_s, plaid_c, plaid_s, primary, detailed in found.all():
        shown = mapping.pair(shown_c, shown_s) or (shown_c, shown_s)
        plaid = (primary, detailed) if primary else mapping.pair(plaid_c, plaid_s)
        plaid = plaid or (plaid_c, plaid_s)
        values = (shown_c, shown_s, plaid_c, plaid_s, primary, detailed)
        connection.execute(
            tx.update()
            .where(*(_same(column, value) for column, value in zip(columns, values, strict=True)))
            .values(
                category=shown[0],
                subcategory=shown[1],
                original_category=plaid[0],
                original_subcategory=plaid[1],
            )
        )


def _move_rules(connection: sa.Connection, mapping: Mapping) -> None:
    for rule in connection.execute(sa.select(rules)).all():
        values: dict[str, str | None] = {}
        for side in ("match", "set"):
            category = rule._mapping[f"{side}_category"]
            subcategory = rule._mapping[f"{side}_subcategory"]
            mapped = mapping.pair(category, subcategory)
            if mapped is not None:
                values[f"{side}_category"] = mapped[0]
                values[f"{side}_subcategory"] = mapped[1] if subcategory else None
        if values:
            connection.execute(rules.update().where(rules.c.id == rule.id).values(**values))


def upgrade() -> None:
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        for name, type_ in NEW_COLUMNS.items():
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    connection = op.get_bind()
    mapping = Mapping(connection)
    _keep_legacy(connection)
    _move_edits(connection, mapping)  # first: moving Plaid's values changes what is edited
    _move_plaids(connection, mapping)
    _move_rules(connection, mapping)
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.drop_column("personal_finance_category")
        batch_op.drop_column("personal_finance_detailed")


def downgrade() -> None:
    """Back to the legacy categories where the row kept them; edits and rules stay as set."""
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("personal_finance_category", sa.String(128)))
        batch_op.add_column(sa.Column("personal_finance_detailed", sa.String(128)))
    connection = op.get_bind()
    connection.execute(
        tx.update().values(
            personal_finance_category=tx.c.original_category,
            personal_finance_detailed=tx.c.original_subcategory,
        )
    )
    found = connection.execute(
        sa.select(tx.c.legacy_categories).distinct().where(tx.c.legacy_categories.is_not(None))
    )
    for (text,) in found.all():
        levels = [*json.loads(text), None, None]
        plaid = tx.c.personal_finance_category, tx.c.personal_finance_detailed
        unedited = sa.and_(
            tx.c.category.is_not_distinct_from(plaid[0]),
            tx.c.subcategory.is_not_distinct_from(plaid[1]),
        )
        legacy = {"original_category": levels[0], "original_subcategory": levels[1]}
        for where, values in (  # the edited first: the other changes what is edited
            (sa.not_(unedited), legacy),
            (unedited, {**legacy, "category": levels[0], "subcategory": levels[1]}),
        ):
            connection.execute(
                tx.update().where(tx.c.legacy_categories == text, where).values(**values)
            )
    with op.batch_alter_table("transactions", schema=None) as batch_op:
        for name in NEW_COLUMNS:
            batch_op.drop_column(name)
