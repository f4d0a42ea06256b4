"""Reads of DOST's year: onsite."""
