"""Reads of the improvement cycle's risks."""
