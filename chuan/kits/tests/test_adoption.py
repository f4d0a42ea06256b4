"""Adopting a model set in one step creates exactly the agency's drafts."""

import pytest

from chuan.documents.choices import RevisionState
from chuan.documents.models import ControlledDocument
from chuan.kits import services
from chuan.kits.models import AdoptedItem
from chuan.procedures.models import InternalProcess

pytestmark = pytest.mark.django_db


def test_adoption_creates_exactly_the_drafts(kit):
    commune = kit.communes[0]
    adoption = services.model_set_adopt(
        agency=commune.agency, model_set=kit.model_set, actor=commune.secretary
    )
    document = ControlledDocument.objects.get(agency=commune.agency)
    assert document.code == "QT-HT-01" and document.kind == "system_procedure"
    assert list(document.legal_basis.all()) == [kit.law]
    revision = document.revisions.get()
    assert revision.state == RevisionState.DRAFT and revision.edition == 1
    assert "Quy trình kiểm soát tài liệu của Ủy ban nhân dân xã Ia 0" in revision.file_text
    assert "Trần Thư Ký Ia 0 theo dõi, Lê Chủ Tịch Ia 0 phê duyệt" in revision.file_text
    process = InternalProcess.objects.get(agency=commune.agency)
    assert process.status == "draft" and process.code == "QT-TP-01"
    steps = list(process.steps.select_related("department"))
    assert steps[0].name == "Tiếp nhận hồ sơ tại Ủy ban nhân dân xã Ia 0"
    assert [s.department.name if s.department else None for s in steps] == [
        "Bộ phận Một cửa",
        "Tư pháp - Hộ tịch",
        None,
        "Bộ phận Một cửa",
    ]
    items = AdoptedItem.objects.filter(adoption=adoption).order_by("item__code")
    assert [(i.item.code, i.base_edition.number, i.adapted) for i in items] == [
        ("QT-HT-01", 1, False),
        ("QT-TP-01", 1, False),
    ]
    # Nothing for the other communes.
    assert not ControlledDocument.objects.filter(agency=kit.communes[1].agency).exists()
