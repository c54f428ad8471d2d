"""Deterministic, realistic-looking (synthetic) account and transaction data."""
