"""A document not yet in force says so wherever its status is shown or filtered; a query
naming a symbol ("nd 61") ranks that document first; facets are in Vietnamese order."""

import datetime as dt

from django.utils import timezone, translation

import pytest

from chuan.legal import selectors
from chuan.legal.choices import DocumentKind as K
from chuan.legal.choices import DocumentStatus, ShownStatus, shown_status
from chuan.legal.tests.factories import legal

pytestmark = pytest.mark.django_db
D = dt.date


def test_shown_status_before_on_and_after_the_effective_date():
    effective = D(2027, 1, 1)
    assert shown_status(DocumentStatus.IN_FORCE, effective, D(2026, 12, 31)) == "not_yet_in_force"
    assert shown_status(DocumentStatus.IN_FORCE, effective, D(2027, 1, 1)) == "in_force"
    assert shown_status(DocumentStatus.PARTLY_IN_FORCE, effective, D(2026, 6, 1)) == (
        "not_yet_in_force"
    )
    # Repealed before it took effect: no longer in force, not "not yet".
    assert shown_status(DocumentStatus.NO_LONGER_IN_FORCE, effective, D(2026, 6, 1)) == (
        "no_longer_in_force"
    )
    assert shown_status(DocumentStatus.IN_FORCE, None, D(2026, 6, 1)) == "in_force"


@pytest.fixture
def future_law(world):
    """A law passed now that takes effect more than a year from today (as laws of 2026 that
    take effect on 01/01/2027), beside one in force."""
    today = timezone.localdate()
    future = legal(
        world.admin,
        f"99/{today.year}/QH15",
        K.LAW,
        today - dt.timedelta(days=10),
        title="Luật sửa đổi, bổ sung một số điều",
        issuer="Quốc hội",
        effective_date=today + dt.timedelta(days=400),
    )
    current = legal(world.admin, "60/2014/QH13", K.LAW, D(2014, 11, 20), issuer="Quốc hội")
    return future, current


def test_a_document_effective_later_is_not_yet_in_force_in_lists_filters_and_facets(
    world, future_law
):
    future, current = future_law
    assert future.current_status == ShownStatus.NOT_YET_IN_FORCE
    assert current.current_status == ShownStatus.IN_FORCE
    not_yet = selectors.legal_document_list(status="not_yet_in_force")
    assert list(not_yet) == [future]
    assert future not in selectors.legal_document_list(status="in_force")
    facets = dict(selectors.legal_facets(selectors.legal_document_list())["status"])
    assert facets == {"in_force": 1, "not_yet_in_force": 1}


def test_the_screens_say_not_yet_in_force(client, world, future_law):
    future, _current = future_law
    client.force_login(world.viewer)
    with translation.override("vi"):
        detail = client.get(future.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi")
        listing = client.get("/legal/", {"status": "not_yet_in_force"}, HTTP_ACCEPT_LANGUAGE="vi")
    html = detail.content.decode()
    status = html[html.index('data-testid="legal-status"') :][:400]
    assert "Chưa có hiệu lực" in status
    assert "Còn hiệu lực" not in status
    assert 'data-status="not_yet_in_force"' in status
    page = listing.content.decode()
    assert future.symbol in page and "60/2014/QH13" not in page


def test_the_api_gives_and_filters_the_status_today(client, world, future_law):
    future, _current = future_law
    client.force_login(world.viewer)
    body = client.get("/api/v1/legal/documents/", {"status": "not_yet_in_force"}).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [(row["symbol"], row["status"]) for row in rows] == [(future.symbol, "not_yet_in_force")]
    detail = client.get(f"/api/v1/legal/documents/{future.pk}/").json()
    assert detail["status"] == "not_yet_in_force"


def test_a_query_naming_a_symbol_ranks_that_document_first(world):
    d61 = legal(
        world.admin,
        "61/2018/NĐ-CP",
        K.DECREE,
        D(2018, 4, 23),
        title="Nghị định về thực hiện cơ chế một cửa, một cửa liên thông",
    )
    # Newer documents that mention NĐ 61 in their titles.
    legal(
        world.admin,
        "107/2021/NĐ-CP",
        K.DECREE,
        D(2021, 12, 6),
        title="Sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP",
    )
    legal(
        world.admin,
        "118/2025/NĐ-CP",
        K.DECREE,
        D(2025, 6, 9),
        title="Thay thế Nghị định 61/2018/NĐ-CP về một cửa, một cửa liên thông",
    )
    for query in ("nd 61", "NĐ 61", "61 nđ", "61/2018", "nđ 61/2018", "61/2018/NĐ-CP"):
        ranked = list(selectors.legal_document_list(query=query))
        assert ranked[0] == d61, query
        assert len(ranked) == 3, query
    # A number alone that is not the document's number does not promote it.
    assert selectors.symbol_named("61/2018/NĐ-CP", ["nd", "2018"]) is False
    assert selectors.symbol_named("07/2026/NĐ-CP", ["nd", "7"]) is True


def test_issuers_with_equal_counts_are_in_vietnamese_order(world):
    legal(world.admin, "1/2026/TB-VPCP", K.NOTICE, D(2026, 1, 5), issuer="Văn phòng Chính phủ")
    legal(world.admin, "2/2026/TB-UBND", K.NOTICE, D(2026, 1, 6), issuer="Ủy ban nhân dân")
    legal(world.admin, "3/2026/TB-BNV", K.NOTICE, D(2026, 1, 7), issuer="Bộ Nội vụ")
    issuers = [
        name for name, _n in selectors.legal_facets(selectors.legal_document_list())["issuer"]
    ]
    # Byte order put "Ủy…" after "Văn…".
    assert issuers == ["Bộ Nội vụ", "Ủy ban nhân dân", "Văn phòng Chính phủ"]
