"""Reads of DOST's year: plans."""
