"""Reads of the improvement cycle's audits."""
