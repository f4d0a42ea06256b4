"""Reads of the improvement cycle's nonconformities."""
