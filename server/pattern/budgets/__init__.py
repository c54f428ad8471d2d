"""Budgets: a monthly amount per category and category group, against what was spent."""
