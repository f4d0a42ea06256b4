"""Writes of DOST's year, one module per concern (see apps.AREAS)."""
