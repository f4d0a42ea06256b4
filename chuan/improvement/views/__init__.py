"""Screens of the agency's improvement cycle, one module per concern; each module exports
its `urlpatterns`."""
