"""Route tables: Plaid's API, the Link stand-in and the test controls."""
