"""The legal library's tests count, search and list the library from empty."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _empty_library(request: Any) -> None:
    """Set aside the two circulars (and their form sets) the migrations record so that the
    desk prints the forms in force."""
    if request.node.get_closest_marker("django_db") is None:
        return
    from chuan.legal.models import LegalDocument
    from chuan.procedures.models import FormSet

    request.getfixturevalue("db")
    FormSet.objects.all().delete()
    LegalDocument.objects.all().delete()
