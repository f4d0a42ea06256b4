"""The legal library through its services, screens and API."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from chuan.core.models import ActivityEntry
from chuan.core.testing import bad_files
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.legal import selectors
from chuan.legal.choices import DocumentKind as K
from chuan.legal.choices import DocumentStatus, RelationKind
from chuan.legal.models import LegalDocument, LegalRelation
from chuan.legal.services import LegalDocumentData, legal_document_create, legal_relation_add
from chuan.legal.tests.factories import legal

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def one_stop(world):
    """The one-stop decrees: 61/2018 amended by 107/2021, both replaced by 118/2025."""
    d61 = legal(
        world.admin,
        "61/2018/NĐ-CP",
        K.DECREE,
        D(2018, 4, 23),
        title="Nghị định về thực hiện cơ chế một cửa, một cửa liên thông",
        effective_date=D(2018, 6, 21),
        signer="Nguyễn Xuân Phúc",
    )
    d107 = legal(world.admin, "107/2021/NĐ-CP", K.DECREE, D(2021, 12, 6))
    d118 = legal(
        world.admin, "118/2025/NĐ-CP", K.DECREE, D(2025, 6, 9), effective_date=D(2025, 7, 1)
    )
    legal_relation_add(source=d107, kind=RelationKind.AMENDS, target=d61, actor=world.admin)
    return d61, d107, d118


def test_a_document_is_recorded_with_its_symbol_read(world):
    document = legal(world.coordinator, "45 / 2020 / nd-cp", K.DECREE, D(2020, 4, 8))
    assert document.symbol == "45/2020/NĐ-CP"
    assert (document.number, document.year, document.type_code) == (45, 2020, "NĐ")
    entry = ActivityEntry.objects.get(verb="legal_document.created")
    assert entry.actor == world.coordinator and entry.changes["symbol"] == "45/2020/NĐ-CP"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"symbol": "61/2018/QĐ-TTg"}, "symbol"),
        ({"symbol": "61/NĐ-CP"}, "symbol"),
        ({"symbol": "61/2019/NĐ-CP"}, "symbol"),
        ({"title": "  "}, "title"),
        ({"effective_date": D(2018, 1, 1)}, "effective_date"),
        ({"status": DocumentStatus.NO_LONGER_IN_FORCE}, "end_date"),
        ({"kind": "novel"}, "kind"),
    ],
)
def test_bad_records_are_refused_by_field(world, changes, field):
    values = {
        "symbol": "61/2018/NĐ-CP",
        "kind": K.DECREE,
        "title": "Nghị định",
        "issuer": "Chính phủ",
        "issue_date": D(2018, 4, 23),
        **changes,
    }
    with pytest.raises(ValidationError) as caught:
        legal_document_create(data=LegalDocumentData(**values), actor=world.admin)
    assert field in caught.value.message_dict
    assert not LegalDocument.objects.exists()


def test_the_same_symbol_twice_in_a_year_is_refused_but_not_across_issuers(world):
    legal(world.admin, "658/QĐ-UBND", K.DECISION, D(2017, 5, 12), issuer="UBND tỉnh Gia Lai")
    with pytest.raises(ValidationError):
        legal(world.admin, "658/QĐ-UBND", K.DECISION, D(2017, 9, 1), issuer="UBND tỉnh Gia Lai")
    legal(world.admin, "658/QĐ-UBND", K.DECISION, D(2018, 5, 12), issuer="UBND tỉnh Gia Lai")
    legal(world.admin, "658/QĐ-UBND", K.DECISION, D(2017, 5, 12), issuer="UBND tỉnh Kon Tum")
    assert LegalDocument.objects.count() == 3


def test_replacing_ends_the_replaced_document(world, one_stop):
    d61, _d107, d118 = one_stop
    legal_relation_add(source=d118, kind=RelationKind.REPLACES, target=d61, actor=world.admin)
    d61.refresh_from_db()
    assert d61.status == DocumentStatus.NO_LONGER_IN_FORCE
    assert d61.end_date == D(2025, 7, 1)
    entry = ActivityEntry.objects.filter(verb="legal_relation.added").latest("id")
    assert entry.changes["target_status"] == ["in_force", "no_longer_in_force"]
    outgoing, incoming = selectors.legal_relations(d61)
    assert outgoing == []
    assert {(r.kind, r.source.symbol) for r in incoming} == {
        ("amends", "107/2021/NĐ-CP"),
        ("replaces", "118/2025/NĐ-CP"),
    }


def test_relations_that_cannot_be(world, one_stop):
    d61, d107, _d118 = one_stop
    for source, target in ((d61, d61), (d61, d107), (d107, d61)):
        with pytest.raises(ValidationError):
            legal_relation_add(
                source=source, kind=RelationKind.AMENDS, target=target, actor=world.admin
            )
    assert LegalRelation.objects.count() == 1


def test_search_ignores_diacritics_and_matches_word_starts(world, one_stop):
    def symbols(query: str) -> set[str]:
        return {d.symbol for d in selectors.legal_document_list(query=query)}

    assert symbols("nd 61") == {"61/2018/NĐ-CP"}
    assert symbols("61/2018/NĐ-CP") == {"61/2018/NĐ-CP"}
    assert symbols("mot cua lien thong") == {"61/2018/NĐ-CP"}
    assert symbols("MỘT CỬA") == {"61/2018/NĐ-CP"}
    assert symbols("phuc") == {"61/2018/NĐ-CP"}  # the signer
    assert symbols("18") == set()  # not inside "118" or "2018"
    assert len(symbols("nghi dinh")) == 0 or symbols("nghi dinh") >= {"61/2018/NĐ-CP"}
    legal(world.admin, "7/2026/NĐ-CP", K.DECREE, D(2026, 1, 9), title="Sửa đổi Nghị định 61/2018")
    ranked = [d.symbol for d in selectors.legal_document_list(query="61/2018")]
    assert ranked == ["61/2018/NĐ-CP", "07/2026/NĐ-CP"]  # the symbol first, then by date
    facets = selectors.legal_facets(selectors.legal_document_list().exclude(year=2026))
    assert facets["kind"] == [("decree", 3)]
    assert facets["issuer"] == [("Chính phủ", 3)]


def test_who_may_record_what(world):
    with pytest.raises(PermissionDenied):
        legal(world.leader, "1/2026/NĐ-CP", K.DECREE, D(2026, 1, 5))
    with pytest.raises(PermissionDenied):  # a coordinator of Gia Lai, for Kon Tum
        legal(
            world.coordinator,
            "1/QĐ-UBND",
            K.DECISION,
            D(2024, 1, 5),
            province=world.kon_tum_legacy,
        )
    legal(world.coordinator, "2/QĐ-UBND", K.DECISION, D(2024, 1, 5), province=world.gia_lai_2025)


def test_list_and_detail_screens(client, world, one_stop, django_assert_max_num_queries):
    d61, _d107, _d118 = one_stop
    client.force_login(world.viewer)
    with django_assert_max_num_queries(15):
        response = client.get("/legal/?q=nd+61")
    assert response.status_code == 200
    assert [d.symbol for d in response.context["page"].object_list] == ["61/2018/NĐ-CP"]
    with django_assert_max_num_queries(15):
        response = client.get(f"/legal/{d61.pk}/")
    html = response.content.decode()
    assert "107/2021/NĐ-CP" in html and 'data-testid="relation-in"' in html
    assert 'data-testid="relation-form"' not in html  # a viewer only reads
    assert client.get("/legal/99999/").status_code == 404


def test_recording_through_the_screen(client, world):
    data = {
        "symbol": "9441/TB-BNV",
        "kind": "notice",
        "title": "Thông báo nghỉ Tết Âm lịch, Quốc khánh năm 2026",
        "issuer": "Bộ Nội vụ",
        "issue_date": "16/10/2025",
        "status": "in_force",
    }
    assert_permission_matrix(
        client,
        "/legal/new/",
        allowed=world.coordinator,
        member_without_right=world.viewer,
        method="post",
        data=data,
        allowed_status=302,
    )
    document = LegalDocument.objects.get()
    assert document.issue_date == D(2025, 10, 16) and not document.file
    pdf = SimpleUploadedFile("tb.pdf", bad_files.pdf())
    response = client.post(f"/legal/{document.pk}/edit/", {**data, "file": pdf})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.file_sha256 and document.file.name.endswith(".pdf")
    response = client.get(f"/legal/{document.pk}/file/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_a_renamed_executable_is_refused(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        "/legal/new/",
        {
            "symbol": "9441/TB-BNV",
            "kind": "notice",
            "title": "Thông báo",
            "issuer": "Bộ Nội vụ",
            "issue_date": "2025-10-16",
            "status": "in_force",
            "file": SimpleUploadedFile("tb.pdf", b"MZ\x90\x00 this is a program"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not LegalDocument.objects.exists()


def test_linking_through_the_screen(client, world, one_stop):
    d61, _d107, d118 = one_stop
    client.force_login(world.coordinator)
    response = client.post(
        f"/legal/{d118.pk}/relations/new/", {"kind": "replaces", "target_symbol": "61/2018/nd-cp"}
    )
    assert response.status_code == 302
    d61.refresh_from_db()
    assert d61.status == DocumentStatus.NO_LONGER_IN_FORCE
    response = client.post(
        f"/legal/{d118.pk}/relations/new/",
        {"kind": "amends", "target_symbol": "1/2099/NĐ-CP"},
        follow=True,
    )
    assert "record it first" in response.content.decode() or response.status_code == 200
    relation = LegalRelation.objects.get(source=d118)
    assert client.post(f"/legal/{d118.pk}/relations/{relation.pk}/delete/").status_code == 302
    assert not LegalRelation.objects.filter(source=d118).exists()


def test_api(client, world, one_stop):
    d61, _d107, d118 = one_stop
    assert_permission_matrix(
        client, "/api/v1/legal/documents/?q=mot+cua", allowed=world.viewer, api=True
    )
    body = client.get("/api/v1/legal/documents/?q=mot+cua").json()
    assert [row["symbol"] for row in body["results"]] == ["61/2018/NĐ-CP"]
    detail = client.get(f"/api/v1/legal/documents/{d61.pk}/").json()
    assert detail["acted_on_by"][0]["document"]["symbol"] == "107/2021/NĐ-CP"
    response = client.post(
        "/api/v1/legal/documents/",
        {
            "symbol": "61/2018",
            "kind": "decree",
            "title": "x",
            "issuer": "y",
            "issue_date": "2018-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 403  # a viewer
    client.force_login(world.coordinator)
    response = client.post(
        "/api/v1/legal/documents/",
        {
            "symbol": "61/2018",
            "kind": "decree",
            "title": "x",
            "issuer": "y",
            "issue_date": "2018-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and set(response.json()) == {"symbol"}
    response = client.post(
        f"/api/v1/legal/documents/{d118.pk}/relations/",
        {"kind": "replaces", "target": d61.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["acts_on"][0]["document"]["status"] == "no_longer_in_force"
