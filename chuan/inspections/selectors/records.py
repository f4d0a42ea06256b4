"""Reads of DOST's year: records."""
