"""Chuẩn: the ISO 9001 quality management system and one-stop desk of Vietnamese agencies."""
