"""The desk's activity reads in Vietnamese: verbs, fields and statuses as labels, times as
dd/mm/yyyy HH:MM (the activity screen and the home page share one table)."""

from django.utils import timezone

import pytest

from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive

pytestmark = pytest.mark.django_db


def test_a_finished_dossier_reads_in_words(client, world):
    desk = make_desk(world)
    dossier = receive(desk, desk.birth, at(2, 8))
    finish_through(desk, dossier, at(2, 10))
    client.force_login(desk.leader)
    html = client.get("/activity/?verb=dossier.finished").content.decode()
    assert "Kết quả: Đã phê duyệt" in html
    assert "Trạng thái: Đã xử lý xong" in html
    assert "result: approved" not in html and "status: 9" not in html
    received = client.get("/activity/?verb=dossier.received").content.decode()
    due = timezone.localtime(dossier.due_at).strftime("%d/%m/%Y %H:%M")
    assert f"Ngày hẹn trả: {due}" in received
    assert "T17:00:00" not in received


def test_a_dossier_not_received_is_named_by_its_applicant_and_day(world):
    from chuan.dossiers import services
    from chuan.dossiers.tests.factories import receipt

    desk = make_desk(world)
    dossier = services.dossier_not_receive(
        agency=desk.agency,
        data=receipt(desk.birth),
        kind="incomplete",
        reason="Thiếu tờ khai",
        missing=["Tờ khai"],
        actor=desk.officer,
        at=at(2, 8),
    )
    assert str(dossier) == f"{dossier.applicant_name} · 02/03/2026"
