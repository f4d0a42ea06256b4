"""Writes of the agency's improvement cycle, one module per concern. Each write is one
transaction with an activity entry naming who did it."""
