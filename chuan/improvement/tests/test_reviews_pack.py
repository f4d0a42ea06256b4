"""The management review's input pack against a hand-built quarter where every figure is
known (ISO 9001:2015, 9.3.2), and its freezing once the chair approves."""

import datetime as dt

from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.documents.models import ReviewRequest
from chuan.dossiers.models import MonthlyFigure
from chuan.improvement.choices import ReviewInputKey
from chuan.improvement.review_pack import COMPILERS, Period, compile_pack
from chuan.improvement.services import reviews as services
from chuan.improvement.tests.reviews_support import END, START, held, known_quarter, plan
from chuan.legal.models import LegalDocument
from chuan.organisations.models import Department, UnitLineage

pytestmark = pytest.mark.django_db


def _sections(review):
    return {s.key: s for s in review.sections.all()}


def test_every_input_of_the_clause_has_a_compiler():
    assert set(COMPILERS) == set(ReviewInputKey.values)


def test_satisfaction_and_performance_of_a_known_quarter(world):
    known_quarter(world)
    review = services.review_compile(review=plan(world), actor=world.secretary)
    sections = _sections(review)
    c = sections["c"]
    assert c.rows[0] == ["02/2026", 2, 2, 0, "100,0%"]
    assert c.rows[1] == ["03/2026", 15, 11, 4, "86,7%"]
    assert c.rows[2][1:] == [17, 13, 4, "88,2%"]
    assert "34" in c.summary and "88,2%" in c.summary
    e = sections["e"]
    assert [row[0] for row in e.rows[:2]] == ["1.001193", "2.000001"]
    assert e.rows[0][2:] == [40, 33, 5, 25, 3, "90,9%"]
    assert e.rows[1][1] == "Chứng thực bản sao"
    assert e.rows[1][2:] == [20, 10, 0, 9, 1, "90,0%"]
    assert e.rows[2][2:] == [60, 43, 5, 34, 4, "90,7%"]
    assert "60" in e.summary and "90,7%" in e.summary


def test_the_other_inputs_read_their_registers(world):
    from chuan.procedures.tests.factories import make_procedure

    version = make_procedure(world.gia_lai_legacy, code="1.001193")
    law = LegalDocument.objects.create(
        symbol="07/2026/NĐ-CP",
        number=7,
        kind="decree",
        title="Nghị định sửa đổi",
        issuer="Chính phủ",
        issue_date=dt.date(2026, 2, 10),
    )
    request = ReviewRequest.objects.create(
        legal_document=law,
        reason="Sửa đổi thành phần hồ sơ",
        procedure_version=version,
        agency=world.chu_se_pc,
        due_at=timezone.now(),
    )
    ReviewRequest.objects.filter(pk=request.pk).update(created_at=held(dt.date(2026, 2, 20)))
    new = Department.objects.create(agency=world.chu_se_pc, name="Bộ phận một cửa")
    Department.objects.filter(pk=new.pk).update(created_at=held(dt.date(2026, 3, 2)))
    UnitLineage.objects.create(
        predecessor=world.chu_se,
        successor=world.gia_lai_2025,
        kind="merged_into",
        effective_on=dt.date(2026, 3, 15),
    )
    earlier = plan(
        world,
        held_at=held(dt.date(2025, 12, 20)),
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    services.review_compile(review=earlier, actor=world.secretary)
    services.review_action_add(
        review=earlier,
        description="Đào tạo ISO",
        owner=world.viewer,
        due_on=dt.date(2026, 1, 30),
        actor=world.secretary,
    )
    done = services.review_action_add(
        review=earlier,
        description="Sửa quy trình",
        owner=world.viewer,
        due_on=dt.date(2026, 2, 28),
        actor=world.secretary,
    )
    services.review_action_complete(
        action=done, result="Xong", actor=world.viewer, today=dt.date(2026, 2, 20)
    )
    review = services.review_compile(review=plan(world), actor=world.secretary)
    sections = _sections(review)
    a = sections["a"]
    assert [row[1] for row in a.rows] == ["Đào tạo ISO", "Sửa quy trình"]
    assert "quá hạn" in a.rows[0][4] and a.rows[1][5] == "20/02/2026"
    assert "2" in a.summary
    b = sections["b"]
    what = [row[1] for row in b.rows]
    assert what[0].startswith("07/2026/NĐ-CP") and "Bộ phận một cửa" in what
    assert any("Huyện Chư Sê" in text for text in what)
    assert len(b.rows) == 3
    # The other concerns' inputs: nothing recorded, so no objectives, no risks, and
    # nonconformities' totals at zero.
    for key in ("d", "h"):
        assert sections[key].rows == []
    assert [row[1:] for row in sections["f"].rows] == [[0, 0, 0, 0]]
    assert (
        "Sở Khoa học và Công nghệ" in sections["g"].summary
        or "thanh tra" in sections["g"].summary.lower()
    )


def test_the_approved_pack_is_frozen(world):
    first, _ = known_quarter(world)
    review = services.review_compile(review=plan(world), actor=world.secretary)
    services.review_comment(review=review, key="c", comment="Hài lòng cao", actor=world.secretary)
    # Compiling again keeps the comments and picks up corrected figures.
    MonthlyFigure.objects.filter(agency=world.chu_se_pc, month=dt.date(2026, 2, 1)).update(
        rated_not_satisfied=1
    )
    review = services.review_compile(review=review, actor=world.secretary)
    section = review.sections.get(key="c")
    assert section.comment == "Hài lòng cao" and section.rows[0][3] == 1
    services.review_record_minutes(review=review, minutes="Kết luận", actor=world.secretary)
    services.review_approve(review=review, actor=world.leader)
    frozen = {s.key: (s.headers, s.rows, s.summary) for s in review.sections.all()}
    MonthlyFigure.objects.filter(agency=world.chu_se_pc).update(
        rated_not_satisfied=50, finished_late=50
    )
    MonthlyFigure.objects.create(
        agency=world.chu_se_pc, procedure=first, month=dt.date(2026, 1, 1), received_direct=1
    )
    with pytest.raises(ConflictError):
        services.review_compile(review=review, actor=world.secretary)
    review.refresh_from_db()
    assert {s.key: (s.headers, s.rows, s.summary) for s in review.sections.all()} == frozen
    live = compile_pack(Period(world.chu_se_pc, START, END, review.pk))
    assert live["c"].rows != frozen["c"][1]
