"""Screens of training, one module per concern."""
