"""Writes of notifications, split by concern: the daily digest (`digest`), the outbox the
worker sends (`outbox`) and what a person does with their own list (`inbox`)."""
