"""The demo's guidance: two letters, acknowledgements, two questions and one FAQ entry;
loaded twice, it adds nothing."""

import pytest

from chuan.demo.dost_guidance import load_guidance
from chuan.inspections.guidance_states import QuestionState
from chuan.inspections.models import GuidanceFaq, GuidanceLetter, GuidanceQuestion

pytestmark = pytest.mark.django_db


def test_load_guidance(world):
    agencies = [world.chu_se_pc, world.ward_pc, world.dost, world.binh_dinh_dept]
    created = load_guidance(
        province=world.gia_lai_2025, year=2026, actor=world.coordinator, agencies=agencies
    )
    assert created["letters"] == 2 and created["questions"] == 2 and created["faq"] == 1
    assert created["acknowledgements"] >= 1
    to_all, to_communes = GuidanceLetter.objects.order_by("issued_on")
    assert to_all.receipts.count() == 4 and to_communes.receipts.count() == 1
    assert to_all.receipts.filter(agency=world.chu_se_pc, acknowledged_at__isnull=False).exists()
    assert GuidanceQuestion.objects.filter(state=QuestionState.ANSWERED).count() == 1
    assert GuidanceFaq.objects.count() == 1
    again = load_guidance(
        province=world.gia_lai_2025, year=2026, actor=world.coordinator, agencies=agencies
    )
    assert again == {"letters": 0, "acknowledgements": 0, "questions": 0, "faq": 0}
