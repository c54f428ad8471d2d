"""Pattern: a self-hostable personal finance manager on the Plaid API."""
