"""Reads of DOST's year: guidance."""
