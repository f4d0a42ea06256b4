"""Reads of the improvement cycle's triage."""
