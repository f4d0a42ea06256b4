"""The demo's guidance from DOST (QĐ 19/2014/QĐ-TTg Art. 12): two guidance letters of the
province's DOST — one to every agency on maintaining the QMS after the 2025 reorganisation,
one to the communes and wards on their yearly report with a template — some agencies'
acknowledgements, and two questions, one answered and published as a FAQ entry.

Idempotent: a second run finds the letters by number and adds nothing."""

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

import docx

from chuan.accounts.models import User
from chuan.inspections.guidance_states import FileRole
from chuan.inspections.models import GuidanceLetter
from chuan.inspections.services import guidance as services
from chuan.organisations.models import AdministrativeUnit, Agency


def _docx(name: str, *paragraphs: str) -> SimpleUploadedFile:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _letters(year: int) -> list[tuple[services.LetterData, str]]:
    return [
        (
            services.LetterData(
                number=f"215/SKHCN-TĐC/{year}",
                issued_on=datetime.date(year, 3, 10),
                title="Hướng dẫn duy trì, cải tiến Hệ thống quản lý chất lượng theo TCVN ISO "
                "9001:2015 sau sắp xếp đơn vị hành chính",
                summary="Các cơ quan rà soát phạm vi áp dụng, cập nhật tài liệu theo tên gọi và "
                "chức năng mới, công bố lại khi phạm vi thay đổi (Điều 4, Quyết định "
                "19/2014/QĐ-TTg) và báo cáo Sở Khoa học và Công nghệ trước ngày 30/11.",
                files=[
                    (
                        FileRole.LETTER,
                        f"Công văn số 215/SKHCN-TĐC/{year}",
                        _docx(
                            "cong-van-215.docx",
                            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                            "Hướng dẫn duy trì, cải tiến Hệ thống quản lý chất lượng.",
                        ),
                    )
                ],
            ),
            "",
        ),
        (
            services.LetterData(
                number=f"388/SKHCN-TĐC/{year}",
                issued_on=datetime.date(year, 5, 4),
                title="Hướng dẫn báo cáo tình hình áp dụng Hệ thống quản lý chất lượng của "
                "Ủy ban nhân dân cấp xã",
                summary="Ủy ban nhân dân các xã, phường báo cáo theo mẫu đính kèm; số liệu tính "
                "từ ngày 01/12 năm trước đến ngày 30/11.",
                audience_level="commune",
                files=[
                    (
                        FileRole.LETTER,
                        f"Công văn số 388/SKHCN-TĐC/{year}",
                        _docx("cong-van-388.docx", "Hướng dẫn báo cáo cấp xã."),
                    ),
                    (
                        FileRole.TEMPLATE,
                        "Mẫu báo cáo tình hình áp dụng",
                        _docx("mau-bao-cao-cap-xa.docx", "MẪU BÁO CÁO", "1. Phạm vi áp dụng"),
                    ),
                ],
            ),
            "commune",
        ),
    ]


def _official(agency: Agency, perm: str | None = None) -> Any:
    users = User.objects.filter(
        is_active=True, active_membership__agency=agency, active_membership__is_active=True
    ).order_by("pk")
    for user in users:
        if perm is None or user.has_perm(perm):
            return user
    return None


def load_guidance(
    *, province: AdministrativeUnit, year: int, actor: Any, agencies: list[Agency]
) -> dict[str, int]:
    """Load the letters, acknowledgements and questions; return what was created."""
    created = {"letters": 0, "acknowledgements": 0, "questions": 0, "faq": 0}
    numbers = [data.number for data, _level in _letters(year)]
    if GuidanceLetter.objects.filter(province=province, number__in=numbers).exists():
        return created
    with transaction.atomic():
        letters = []
        for data, _level in _letters(year):
            letter = services.guidance_create(province=province, data=data, actor=actor)
            services.guidance_publish(letter=letter, actor=actor)
            letters.append(letter)
            created["letters"] += 1
        # About half the agencies acknowledged the letter to all, the first one both.
        for index, agency in enumerate(agencies):
            official = _official(agency)
            if official is None:
                continue
            for letter in letters if index == 0 else letters[:1] if index % 2 == 0 else []:
                if letter.receipts.filter(agency=agency).exists():
                    services.guidance_acknowledge(letter=letter, actor=official)
                    created["acknowledgements"] += 1
        askers = [
            (agency, user)
            for agency in agencies
            if (user := _official(agency, "inspections.ask_guidance")) is not None
        ]
        if not askers:
            return created
        agency, asker = askers[0]
        answered = services.question_ask(
            agency=agency,
            subject="Công bố lại khi đổi tên cơ quan sau sắp xếp",
            text="Cơ quan chỉ đổi tên, không thay đổi phạm vi áp dụng thì có phải công bố lại "
            "Hệ thống quản lý chất lượng không?",
            actor=asker,
        )
        services.question_reply(
            question=answered,
            text="Có. Khi cơ quan được tổ chức lại hoặc đổi tên, người đứng đầu ký quyết định "
            "công bố lại theo khoản 3 Điều 4 Quyết định 19/2014/QĐ-TTg; tài liệu được cập nhật "
            "tên gọi mới trong lần ban hành kế tiếp.",
            actor=actor,
        )
        services.faq_publish(
            question=answered,
            question_text="Cơ quan chỉ đổi tên sau sắp xếp, phạm vi không đổi, có phải công bố "
            "lại Hệ thống quản lý chất lượng không?",
            answer_text="Có. Người đứng đầu ký quyết định công bố lại theo khoản 3 Điều 4 Quyết "
            "định 19/2014/QĐ-TTg; tài liệu cập nhật tên gọi mới trong lần ban hành kế tiếp.",
            actor=actor,
        )
        created["questions"] += 1
        created["faq"] += 1
        agency, asker = askers[-1]
        services.question_ask(
            agency=agency,
            subject="Số lượng chuyên gia đánh giá nội bộ tối thiểu",
            text="Cơ quan có 12 công chức thì cần bao nhiêu người được đào tạo chuyên gia đánh "
            "giá nội bộ?",
            actor=asker,
        )
        created["questions"] += 1
    return created
