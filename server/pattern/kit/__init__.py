"""Shared building blocks every domain may use: database, settings, errors, clock."""
