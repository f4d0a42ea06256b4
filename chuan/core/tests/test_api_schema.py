"""The OpenAPI schema tells the truth: schemathesis sends every operation data generated from
the schema (a few derandomised examples each, so the run is bounded and repeatable) as an
official with a token, and fails on any 5xx, any status the schema does not document, any
body that does not match the documented one, or a wrong content type.

It runs under pytest, so `.ci/run` runs it on SQLite and on PostgreSQL.
"""

import json
import os
from typing import Any

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from rest_framework.utils.encoders import JSONEncoder
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation.modes import GenerationMode

pytestmark = pytest.mark.django_db
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = int(os.environ.get("CHUAN_SCHEMA_EXAMPLES", "6"))  # more for a deeper run


def _raw_schema() -> dict[str, Any]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(schema, cls=JSONEncoder))


RAW = _raw_schema()
LABELS = sorted(
    f"{method.upper()} {path}"
    for path, item in RAW["paths"].items()
    for method in item
    if method in ("get", "post", "put", "patch", "delete")
)


@pytest.fixture
def api(api_rows):
    """The Django application as a WSGI app inside the test's transaction, with a desk, a
    dossier and a legal document to find, and a token like the demo's."""
    # As Django's test client does: a request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    desk, dossier, official, decree = (
        api_rows.desk,
        api_rows.dossier,
        api_rows.caller,
        api_rows.decree,
    )
    token = Token.objects.create(user=official)
    schema = schemathesis.openapi.from_dict(RAW)
    schema.app = get_wsgi_application()
    # Paths that name real rows, so that full answers are checked too, not only 404s.
    real = {
        "/api/v1/agencies/{id}/": {"id": desk.agency.pk},
        "/api/v1/rollout/agencies/{id}/": {"id": desk.agency.pk},
        "/api/v1/dossiers/{code}/": {"code": dossier.code},
        "/api/v1/dossiers/{code}/{action}/": {"code": dossier.code},
        "/api/v1/legal/documents/{id}/": {"id": decree.pk},
        "/api/v1/legal/documents/{id}/relations/": {"id": decree.pk},
        "/api/v1/procedures/{id}/": {"id": desk.land.procedure_id},
        "/api/v1/procedures/{id}/processes/": {"id": desk.land.procedure_id},
    }
    yield schema, {"Authorization": f"Token {token.key}"}, real
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _operation(schema: Any, label: str) -> Any:
    for result in schema.get_all_operations():
        operation = result.ok()
        if f"{operation.method.upper()} {operation.path}" == label:
            return operation
    raise AssertionError(label)


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_schema_tells_the_truth(api, label, mode):
    schema, headers, real = api
    method, path = label.split(" ", 1)
    described = RAW["paths"][path][method.lower()]
    if mode == GenerationMode.NEGATIVE and not (
        described.get("parameters") or described.get("requestBody")
    ):
        pytest.skip("an operation that takes no input has no invalid input to send")
    operation = _operation(schema, label)
    strategies = [operation.as_strategy(generation_mode=mode)]
    if operation.path in real and mode == GenerationMode.POSITIVE:
        path_parameters = real[operation.path]
        strategies.append(
            operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
        )
    statuses: list[int] = []
    for strategy in strategies:

        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case: Any) -> None:
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            case.validate_response(response, checks=CHECKS, headers=headers)

        run()
    if len(strategies) > 1 and operation.method.upper() == "GET":
        assert 200 in statuses, "the real rows were never answered: the full answer went unchecked"
