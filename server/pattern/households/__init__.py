"""Households: a person shares some of their accounts with another, to view or to view and
edit (docs/adr/0035-households.md)."""
