"""Reads of DOST's year: followup."""
