"""The demo's three courses: sessions, learners, attendance, scores, certificates."""

import pytest

from chuan.demo.dost_training import load_training
from chuan.training import selectors
from chuan.training.choices import CourseState
from chuan.training.models import Certificate, Lecturer

pytestmark = pytest.mark.django_db


def test_three_finished_courses_with_certificates(world):
    agencies = [world.chu_se_pc, world.ward_pc, world.dost]
    made = load_training(
        province=world.gia_lai_2025, year=2026, agencies=agencies, actor=world.coordinator
    )
    assert len(made) == 3
    for course in made:
        assert course.state == CourseState.FINISHED
        assert course.starts_on.year == 2026
        results = selectors.course_results(course)
        assert len(results) == 10
        passed = [r for r in results if r.outcome.passed]
        assert 0 < len(passed) < 10
        assert course.certificates.count() == len(passed)
    regulated = made[2]
    assert sum(s.periods for s in regulated.sessions.all()) == 36
    load_training(
        province=world.gia_lai_2025, year=2018, agencies=agencies, actor=world.coordinator
    )
    assert Lecturer.objects.count() == 2
    assert Certificate.objects.filter(number__contains="/2018/").exists()
    rows = {c.agency.pk: c for c in selectors.agency_competence(world.gia_lai_2025.pk)}
    assert rows[world.chu_se_pc.pk].auditors > 0 and rows[world.chu_se_pc.pk].secretary_trained
