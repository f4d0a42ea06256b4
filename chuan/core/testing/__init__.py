"""Helpers for Chuẩn's tests."""
