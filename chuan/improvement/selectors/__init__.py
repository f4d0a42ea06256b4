"""Reads of the agency's improvement cycle, one module per concern."""
