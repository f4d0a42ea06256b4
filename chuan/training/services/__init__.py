"""Writes of training, one module per concern: courses (with sessions and lecturers),
registrations (with attendance and scores), certificates."""
