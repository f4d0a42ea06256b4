"""Reads of the improvement cycle's reviews."""
