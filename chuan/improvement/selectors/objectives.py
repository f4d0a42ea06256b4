"""Reads of the improvement cycle's objectives."""
