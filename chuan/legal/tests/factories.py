"""Legal documents for tests, recorded through the service so symbols are read as in use."""

import datetime as dt
from typing import Any

from chuan.legal.models import LegalDocument
from chuan.legal.services import LegalDocumentData, legal_document_create


def legal(actor: Any, symbol: str, kind: str, issued: dt.date, **extra: Any) -> LegalDocument:
    values = {"title": f"Văn bản {symbol}", "issuer": "Chính phủ", **extra}
    return legal_document_create(
        data=LegalDocumentData(symbol=symbol, kind=kind, issue_date=issued, **values), actor=actor
    )
