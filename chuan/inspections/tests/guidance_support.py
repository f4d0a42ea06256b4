"""Helpers of the guidance tests: uploads and a published letter on the shared `world`."""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from chuan.core.testing.bad_files import normal_docx, pdf
from chuan.inspections.guidance_states import FileRole
from chuan.inspections.models import GuidanceLetter
from chuan.inspections.services import guidance as services


def pdf_upload(name: str = "cong-van.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf("Cong van huong dan"), content_type="application/pdf")


def docx_upload(name: str = "mau-bao-cao.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, normal_docx("Mẫu báo cáo"))


def letter_data(**overrides: Any) -> services.LetterData:
    values: dict[str, Any] = {
        "number": "123/SKHCN-TĐC",
        "issued_on": datetime.date(2026, 3, 2),
        "title": "Hướng dẫn duy trì hệ thống quản lý chất lượng năm 2026",
        "summary": "Các cơ quan rà soát quy trình theo TCVN ISO 9001:2015.",
        "files": [
            (FileRole.LETTER, "Công văn", pdf_upload()),
            (FileRole.TEMPLATE, "Mẫu báo cáo", docx_upload()),
        ],
    }
    values.update(overrides)
    return services.LetterData(**values)


def draft(world: Any, **overrides: Any) -> GuidanceLetter:
    return services.guidance_create(
        province=world.gia_lai_2025, data=letter_data(**overrides), actor=world.coordinator
    )


def published(world: Any, **overrides: Any) -> GuidanceLetter:
    letter = draft(world, **overrides)
    services.guidance_publish(letter=letter, actor=world.coordinator)
    letter.refresh_from_db()
    return letter
