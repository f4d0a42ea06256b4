"""Searching documents: diacritics and case ignored, words of the files found, best first,
the hit shown in its original spelling."""

import pytest

from chuan.documents import search
from chuan.documents.models import ControlledDocument
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


@pytest.fixture
def indexed(office, monkeypatch):  # noqa: F811
    """Make a document of the office's agency indexed with `text` as its file's words."""

    def make(code: str, title: str, text: str) -> ControlledDocument:
        document = ControlledDocument.objects.create(
            agency=office["agency"], code=code, title=title, kind="operational_procedure"
        )
        monkeypatch.setattr(search, "document_text", lambda _: text)
        search.index_document(document)
        return document

    return make


def test_a_match_in_the_code_or_title_ranks_above_one_in_the_file_only(indexed):
    deep = indexed(
        "HD-01",
        "Hướng dẫn lưu trữ hồ sơ",
        "Hồ sơ đăng ký khai sinh, kết hôn. " * 20 + "Sổ khai sinh lưu vĩnh viễn.",
    )
    titled = indexed("QT-02", "Quy trình đăng ký khai sinh", "Tiếp nhận hồ sơ.")
    coded = indexed("KS-07", "Sổ đăng ký", "Ghi chép hằng ngày.")
    mentions = indexed("BM-09", "Biểu mẫu", "Xem KS-07 và QT-02.")
    assert search_ids("khai sinh") == [titled.pk, deep.pk]
    assert search_ids("ks 07") == [coded.pk, mentions.pk]


def test_title_matches_come_first_beyond_the_ranked_pool(indexed, monkeypatch):
    # With a pool of one, the file-text tier ranks only the first match by id: the title
    # match, made last, must still lead.
    monkeypatch.setattr(search, "POOL", 1)
    for index in range(6):
        indexed(f"HD-{index}", "Hướng dẫn", "Đăng ký khai sinh.")
    titled = indexed("QT-02", "Quy trình đăng ký khai sinh", "")
    assert search_ids("khai sinh", limit=1) == [titled.pk]


def test_the_pool_is_taken_within_the_readers_agencies(indexed, monkeypatch, world):
    # Another agency's many older matches must not crowd out the reader's own document.
    monkeypatch.setattr(search, "POOL", 2)
    for index in range(4):
        other = indexed(f"HD-{index}", "Hướng dẫn", "Đăng ký khai sinh.")
        ControlledDocument.objects.filter(pk=other.pk).update(agency=world.chu_se_pc)
    own = indexed("HD-9", "Hướng dẫn", "Đăng ký khai sinh.")
    assert own.pk not in search_ids("khai sinh", limit=2)
    assert search_ids("khai sinh", agency_ids=[own.agency_id], limit=2) == [own.pk]
    assert search_ids("khai sinh", agency_ids=[]) == []


def test_words_most_documents_hold_are_found_among_the_newest(indexed, monkeypatch):
    """On PostgreSQL, once ANALYZE has counted the words, a query nearly every document
    matches reads the newest documents instead of every match through GIN, and finds the
    same documents the index would when the pool holds them all."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("pg_stats is PostgreSQL's")
    documents = [indexed(f"HD-{i}", "Hướng dẫn", "Đăng ký khai sinh.") for i in range(12)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_controlleddocument")
    monkeypatch.setattr(search, "_SHARES", {})
    assert search._matching_share(["khai", "sinh"], "search_vector") >= search.WALK_SHARE
    everything = search_ids("khai sinh", limit=50)
    assert sorted(everything) == sorted(d.pk for d in documents)
    monkeypatch.setattr(search, "POOL", 3)
    assert set(search_ids("khai sinh", limit=3)) == {d.pk for d in documents[-3:]}
