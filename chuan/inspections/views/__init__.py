"""Screens of DOST's year, one module per concern."""
