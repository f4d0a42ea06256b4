"""Screens of the QMS roll-out: the DOST dashboard and each agency's QMS history."""
