"""Reads of DOST's year: reports."""
