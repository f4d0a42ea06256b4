"""Searching documents: diacritics and case ignored, words of the files found, best first,
the hit shown in its original spelling."""

import pytest

from chuan.documents.search import highlight, search_ids
from chuan.documents.services import revision_draft
from chuan.documents.tests.test_services import _document, _docx, office  # noqa: F401

pytestmark = pytest.mark.django_db


def test_search_by_code_title_and_file_text(client, office):  # noqa: F811
    birth = _document(office)
    audit = _document(office, code="QT-HT-03")
    audit.title = "Quy trình đánh giá nội bộ"
    audit.save(update_fields=["title"])
    revision_draft(
        document=audit,
        changes=[],
        file=_docx("Đánh giá viên nội bộ lập kế hoạch đánh giá hằng năm"),
        actor=office["controller"],
    )
    assert search_ids("khai sinh") == [birth.pk]
    assert search_ids("KE HOACH DANH GIA") == [audit.pk]  # from the file's words
    assert search_ids("qt-ht-03") == [audit.pk]
    assert set(search_ids("quy trinh")) == {birth.pk, audit.pk}
    assert search_ids("không có") == []
    client.force_login(office["controller"])  # who reads drafts too
    response = client.get("/documents/?q=ke+hoach")
    assert [line.document for line in response.context["lines"]] == [audit]
    assert "<mark>kế</mark> <mark>hoạch</mark>" in response.content.decode()


def test_highlight_keeps_the_original_spelling():
    text = "Quy trình đánh giá nội bộ theo TCVN ISO 9001:2015"
    assert (
        str(highlight(text, "danh gia"))
        == "Quy trình <mark>đánh</mark> <mark>giá</mark> nội bộ theo TCVN ISO 9001:2015"
    )
    assert "<script>" not in str(highlight("<script>đánh</script>", "danh"))
