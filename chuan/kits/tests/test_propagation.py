"""A new model edition carried to the adopting agencies: requests opened with drafts
prepared, local changes carried over by the three-way merge, conflicts shown and settled,
keeping one's own with a reason, a model revised twice before an agency answers."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.documents.choices import RevisionState
from chuan.kits import services
from chuan.kits.choices import RequestStatus
from chuan.kits.models import AdoptedItem, UpdateRequest
from chuan.kits.services import EditionData
from chuan.kits.tests.factories import BODY, approve, approve_process, model_steps
from chuan.procedures.models import InternalProcess
from chuan.procedures.services import StepData

pytestmark = pytest.mark.django_db

NEW_LINE_5 = "5. Hồ sơ: lưu 10 năm theo Luật Lưu trữ 2024."


def _adopt_all(kit):
    for commune in kit.communes:
        services.model_set_adopt(
            agency=commune.agency, model_set=kit.model_set, actor=commune.secretary
        )


def _revise_document(kit, body, why="Luật Lưu trữ 2024"):
    edition = services.edition_draft(
        item=kit.document,
        content=EditionData(body=body, changes=[{"what": "Sửa mục 5", "where": "5", "why": why}]),
        actor=kit.coordinator,
    )
    return approve(edition, kit)


def _adopted(commune, item):
    return AdoptedItem.objects.get(agency=commune.agency, item=item)


def test_a_new_edition_opens_a_request_with_a_draft_in_every_adopting_agency(kit):
    _adopt_all(kit)
    new = _revise_document(kit, BODY.replace("5. Hồ sơ: lưu 5 năm.", NEW_LINE_5))
    requests = UpdateRequest.objects.filter(edition=new).order_by("agency_id")
    assert requests.count() == 2
    for request, commune in zip(requests, kit.communes, strict=True):
        assert request.status == RequestStatus.OPEN and request.conflicts == 0
        assert request.agency_id == commune.agency.pk
        assert request.base_edition.number == 1
        assert request.due_at > timezone.now()
        kinds = [chunk["kind"] for chunk in request.merged]
        assert kinds == ["same", "theirs"]
        assert request.merged[1]["units"] == [NEW_LINE_5]
    commune = kit.communes[0]
    request = requests.get(agency=commune.agency)
    services.request_adopt(request=request, actor=commune.secretary)
    request.refresh_from_db()
    assert request.status == RequestStatus.ADOPTED and request.closed_by == commune.secretary
    adopted = _adopted(commune, kit.document)
    assert adopted.base_edition == new and not adopted.adapted
    assert adopted.text.endswith(NEW_LINE_5)
    # The adoption's draft (not yet approved) took the new text: still one draft, edition 1.
    revision = adopted.document.revisions.get()
    assert revision == request.revision and revision.state == RevisionState.DRAFT
    assert NEW_LINE_5 in revision.file_text


def test_local_changes_are_carried_over_where_they_do_not_conflict(kit):
    _adopt_all(kit)
    commune = kit.communes[0]
    adopted = _adopted(commune, kit.document)
    local = adopted.text.replace(
        "2. Phạm vi: áp dụng tại Xã Ia 0.", "2. Phạm vi: áp dụng tại Xã Ia 0 và thôn Plei Ngol."
    )
    services.adopted_text_adapt(adopted=adopted, text=local, actor=commune.secretary)
    adopted.refresh_from_db()
    assert adopted.adapted
    new = _revise_document(kit, BODY.replace("5. Hồ sơ: lưu 5 năm.", NEW_LINE_5))
    request = UpdateRequest.objects.get(edition=new, agency=commune.agency)
    assert request.conflicts == 0
    assert [c["kind"] for c in request.merged] == ["same", "ours", "same", "theirs"]
    services.request_adopt(request=request, actor=commune.secretary)
    adopted.refresh_from_db()
    assert "thôn Plei Ngol" in adopted.text and adopted.text.endswith(NEW_LINE_5)
    assert adopted.adapted and adopted.base_edition == new


def test_conflicts_are_shown_and_must_be_settled(kit):
    _adopt_all(kit)
    commune = kit.communes[0]
    adopted = _adopted(commune, kit.document)
    ours = adopted.text.replace("5. Hồ sơ: lưu 5 năm.", "5. Hồ sơ: lưu 7 năm tại văn thư xã.")
    services.adopted_text_adapt(adopted=adopted, text=ours, actor=commune.secretary)
    new = _revise_document(kit, BODY.replace("5. Hồ sơ: lưu 5 năm.", NEW_LINE_5))
    request = UpdateRequest.objects.get(edition=new, agency=commune.agency)
    assert request.conflicts == 1
    conflict = request.merged[-1]
    assert conflict == {
        "kind": "conflict",
        "base": ["5. Hồ sơ: lưu 5 năm."],
        "ours": ["5. Hồ sơ: lưu 7 năm tại văn thư xã."],
        "theirs": [NEW_LINE_5],
    }
    with pytest.raises(ValidationError) as refused:
        services.request_adopt(request=request, actor=commune.secretary)
    assert "choices" in refused.value.message_dict
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    services.request_adopt(request=request, choices={1: "ours"}, actor=commune.secretary)
    adopted.refresh_from_db()
    assert adopted.text.endswith("lưu 7 năm tại văn thư xã.") and adopted.adapted
    # The other commune had no local change: no conflict.
    other = UpdateRequest.objects.get(edition=new, agency=kit.communes[1].agency)
    assert other.conflicts == 0


def test_keeping_ones_own_needs_a_reason(kit):
    _adopt_all(kit)
    commune = kit.communes[0]
    new = _revise_document(kit, BODY.replace("5. Hồ sơ: lưu 5 năm.", NEW_LINE_5))
    request = UpdateRequest.objects.get(edition=new, agency=commune.agency)
    with pytest.raises(ValidationError) as refused:
        services.request_keep(request=request, reason="  ", actor=commune.secretary)
    assert "decision" in refused.value.message_dict
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    services.request_keep(
        request=request, reason="Xã đã lưu hồ sơ 10 năm từ trước.", actor=commune.secretary
    )
    request.refresh_from_db()
    adopted = _adopted(commune, kit.document)
    assert request.status == RequestStatus.KEPT and request.decision.startswith("Xã đã")
    assert adopted.kept_edition == new and adopted.base_edition.number == 1
    with pytest.raises(ConflictError):
        services.request_adopt(request=request, actor=commune.secretary)


def test_a_model_revised_twice_before_an_agency_answers(kit):
    _adopt_all(kit)
    commune = kit.communes[0]
    second = _revise_document(kit, BODY.replace("5. Hồ sơ: lưu 5 năm.", NEW_LINE_5))
    first_request = UpdateRequest.objects.get(edition=second, agency=commune.agency)
    third = _revise_document(
        kit, BODY.replace("5. Hồ sơ: lưu 5 năm.", NEW_LINE_5 + " Bản số hóa lưu vĩnh viễn.")
    )
    first_request.refresh_from_db()
    newest = UpdateRequest.objects.get(edition=third, agency=commune.agency)
    assert first_request.status == RequestStatus.SUPERSEDED
    assert first_request.superseded_by == newest
    assert newest.status == RequestStatus.OPEN and newest.base_edition.number == 1
    assert UpdateRequest.objects.filter(agency=commune.agency).count() == 2
    with pytest.raises(ConflictError):
        services.request_adopt(request=first_request, actor=commune.secretary)
    services.request_adopt(request=newest, actor=commune.secretary)
    adopted = _adopted(commune, kit.document)
    assert adopted.base_edition == third and adopted.text.endswith("lưu vĩnh viễn.")


def test_a_process_merges_step_by_step(kit):
    _adopt_all(kit)
    commune = kit.communes[0]
    adopted = _adopted(commune, kit.process)
    approve_process(adopted.process, commune)
    # The commune gives the examination one working day less.
    process = InternalProcess.objects.get(pk=adopted.process_id)
    steps = [
        StepData(
            name=s.name,
            responsible=s.responsible,
            time_amount=Decimal("1") if s.order == 2 else s.time_amount,
            time_unit=s.time_unit,
            department=s.department,
            signs=s.signs,
        )
        for s in process.steps.select_related("department")
    ]
    services.adopted_steps_adapt(adopted=adopted, steps=steps, actor=commune.secretary)
    adopted.refresh_from_db()
    assert adopted.adapted and adopted.process.edition == 2
    # The province shortens the signing step.
    edition = services.edition_draft(
        item=kit.process,
        content=EditionData(
            steps=model_steps(signing_days="0.5"),
            changes=[{"what": "Rút ngắn bước ký", "where": "Bước 3", "why": "Cải cách"}],
        ),
        actor=kit.coordinator,
    )
    approve(edition, kit)
    request = UpdateRequest.objects.get(edition=edition, agency=commune.agency)
    assert request.conflicts == 0
    services.request_adopt(request=request, actor=commune.secretary)
    request.refresh_from_db()
    draft = request.process
    assert draft.pk == adopted.process_id  # the open draft took the merge
    times = [(s.order, s.time_amount) for s in draft.steps.order_by("order")]
    assert times == [
        (1, Decimal("0.50")),
        (2, Decimal("1.00")),
        (3, Decimal("0.50")),
        (4, Decimal("0.50")),
    ]
    # The other commune, without local changes, gets a new edition after its draft.
    other = UpdateRequest.objects.get(edition=edition, agency=kit.communes[1].agency)
    services.request_adopt(request=other, actor=kit.communes[1].secretary)
    other.refresh_from_db()
    assert not _adopted(kit.communes[1], kit.process).adapted


def test_a_dossier_keeps_the_process_in_force_at_receipt(kit):
    from chuan.accounts.roles import Role
    from chuan.dossiers.services import dossier_receive
    from chuan.dossiers.tests.factories import receipt
    from chuan.organisations.tests.factories import UserFactory, member

    _adopt_all(kit)
    commune = kit.communes[0]
    commune.agency.code = "000.27.99.H21"
    commune.agency.save(update_fields=["code"])
    adopted = _adopted(commune, kit.process)
    today = timezone.localdate()
    first = approve_process(adopted.process, commune, valid_from=today - dt.timedelta(days=3))
    officer = member(UserFactory(roles=[Role.DESK_OFFICER]), commune.agency)
    dossier = dossier_receive(
        agency=commune.agency, data=receipt(kit.version), actor=officer, at=timezone.now()
    )
    assert dossier.process_id == first.pk
    edition = services.edition_draft(
        item=kit.process,
        content=EditionData(
            steps=model_steps(signing_days="0.5"),
            changes=[{"what": "Rút ngắn bước ký", "where": "Bước 3", "why": "Cải cách"}],
        ),
        actor=kit.coordinator,
    )
    approve(edition, kit)
    request = UpdateRequest.objects.get(edition=edition, agency=commune.agency)
    services.request_adopt(request=request, actor=commune.secretary)
    request.refresh_from_db()
    second = approve_process(request.process, commune, valid_from=today)
    assert second.edition == 2
    dossier.refresh_from_db()
    first.refresh_from_db()
    assert dossier.process_id == first.pk and first.valid_to == today - dt.timedelta(days=1)
    later = dossier_receive(
        agency=commune.agency, data=receipt(kit.version), actor=officer, at=timezone.now()
    )
    assert later.process_id == second.pk
