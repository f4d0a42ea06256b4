"""Every whole number the API accepts is bounded and read from ASCII digits only.

The inputs are discovered from the OpenAPI schema (query parameters and request-body
properties of type integer, nested ones included), so an endpoint added tomorrow is covered
without touching this file: its integer inputs must carry a range in the schema, and each
is sent its maximum + 1, a negative number and digits of other scripts ("²", "٣", "３"),
which must answer 400 with a JSON body naming the input.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

from chuan.dossiers.models import Dossier
from chuan.dossiers.tests.factories import make_desk

pytestmark = pytest.mark.django_db
NOT_ASCII = ("²", "٣", "３")


@dataclass(frozen=True)
class IntegerInput:
    method: str
    path: str
    location: str  # "query" or "body"
    trail: tuple[str, ...]  # keys from the body's root; "[]" for an item of an array
    schema: dict[str, Any]

    @property
    def name(self) -> str:
        """The field an error names: a list of numbers is named by the list."""
        return next(key for key in reversed(self.trail) if key != "[]")

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path} {self.location}:{'.'.join(self.trail)}"


def _schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in node and len(node["allOf"]) == 1:
        return _resolve(schema, node["allOf"][0])
    return node


def _body_integers(
    schema: dict[str, Any], node: dict[str, Any], trail: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    node = _resolve(schema, node)
    if node.get("readOnly"):
        return
    if node.get("type") == "integer":
        yield trail, node
    elif node.get("type") == "array" and "items" in node:
        yield from _body_integers(schema, node["items"], (*trail, "[]"))
    for name, prop in node.get("properties", {}).items():
        yield from _body_integers(schema, prop, (*trail, name))


def integer_inputs() -> list[IntegerInput]:
    schema = _schema()
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["schema"].get("type") == "integer":
                    found.append(
                        IntegerInput(
                            method, path, "query", (parameter["name"],), parameter["schema"]
                        )
                    )
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json")
            if body:
                for trail, node in _body_integers(schema, body["schema"], ()):
                    found.append(IntegerInput(method, path, "body", trail, node))
    return found


def test_the_schema_has_integer_inputs_to_check():
    """The discovery finds what is known today (guards the walk itself)."""
    names = {str(found) for found in integer_inputs()}
    assert "POST /api/v1/dossiers/ body:fee_amount" in names
    assert "POST /api/v1/dossiers/ body:components.[].originals" in names
    assert "GET /api/v1/dossiers/ query:status" in names
    assert "GET /api/v1/units/ query:page_size" in names
    assert "GET /api/v1/calendar/days/ query:year" in names


@pytest.mark.parametrize("found", integer_inputs(), ids=str)
def test_every_integer_input_is_bounded_in_the_schema(found):
    assert _bounds(found.schema) is not None, found


def _nest(trail: tuple[str, ...], value: Any) -> Any:
    for key in reversed(trail):
        value = [value] if key == "[]" else {key: value}
    return value


def _keys(body: Any) -> set[str]:
    if isinstance(body, dict):
        return set(body) | {key for value in body.values() for key in _keys(value)}
    if isinstance(body, list):
        return {key for value in body for key in _keys(value)}
    return set()


@pytest.fixture
def concrete(api_rows):
    """Rows behind the paths' parameters, and a caller who may reach every check."""
    caller, dossier, document = api_rows.caller, api_rows.dossier, api_rows.decree
    values = {
        "code": dossier.code,
        "action": "pause",
        "step": "confirm",
        "pk": document.pk,
        "id": document.pk,
    }
    return caller, values


def _url(path: str, values: dict[str, Any]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", str(value))
    assert "{" not in path, f"give a value for the parameters of {path} in `concrete`"
    return path


def _bounds(schema: dict[str, Any]) -> tuple[int, int] | None:
    """The range of an integer input: its minimum and maximum, or those of its choices."""
    if "minimum" in schema and "maximum" in schema:
        return schema["minimum"], schema["maximum"]
    if schema.get("enum"):
        return min(schema["enum"]), max(schema["enum"])
    return None


def _bad_values(schema: dict[str, Any]) -> list[Any]:
    minimum, maximum = _bounds(schema) or (0, 2**63 - 1)
    return [maximum + 1, min(-1, minimum - 1), *NOT_ASCII]


def test_every_integer_input_refuses_out_of_range_and_foreign_digits(client, concrete):
    caller, values = concrete
    client.force_login(caller)
    failures = []
    for found in integer_inputs():
        url = _url(found.path, values)
        for bad in _bad_values(found.schema):
            if found.location == "query":
                response = getattr(client, found.method)(url, {found.name: str(bad)})
            else:
                response = getattr(client, found.method)(
                    url, _nest(found.trail, bad), content_type="application/json"
                )
            body = (
                response.json()
                if response.get("Content-Type", "").startswith("application/json")
                else None
            )
            if response.status_code != 400 or found.name not in _keys(body):
                failures.append(f"{found} = {bad!r}: {response.status_code} {body}")
    assert not failures, "\n".join(failures)
    assert Dossier.objects.count() == 1


def test_a_land_fee_beyond_two_billion_dong_is_received(client, world):
    """2,147,483,648 đồng overflowed a 32-bit column on PostgreSQL (500)."""
    desk = make_desk(world)
    client.force_login(desk.officer)
    body = {
        "procedure": "1.012787",
        "channel": 1,
        "applicant": {"name": "Trần Văn Bình", "id_number": "064090001234", "phone": "0912345678"},
        "fee_amount": 2_147_483_648,
    }
    response = client.post("/api/v1/dossiers/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert Dossier.objects.get().fee_amount == 2_147_483_648


@pytest.mark.parametrize("value", ["²", "٣", "３", "99999999999999999999"])
def test_the_dossier_list_screen_ignores_a_status_that_is_not_one(client, world, value):
    desk = make_desk(world)
    client.force_login(desk.officer)
    assert client.get("/dossiers/", {"status": value}).status_code == 200
