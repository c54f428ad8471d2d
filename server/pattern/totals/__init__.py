"""Each calendar month of a person's counted transactions, totalled by day and category."""
