"""What the API's schema says about errors, said once for every operation (a drf-spectacular
post-processing hook), so that the schema names every status the API can answer:

- 400 with the fields at fault, for an operation with parameters or a body;
- 401 without credentials and 403 without the right, unless anyone may call it;
- 404 for a path naming something the caller cannot see, and a page past the last;
- 409 when the state of what is acted on does not allow the action (every POST);
- 429 when a caller sends too many requests (the public calendar, a locked account).

Errors are JSON: `detail` says what went wrong; a refused field is a key with its messages
(nested like the body for nested fields).
"""

from typing import Any

from chuan.core.params import MAX_ID

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "`detail` says what went wrong; each refused field or parameter is a key holding its "
        "messages (nested like the request body for nested fields)."
    ),
    "properties": {
        "detail": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "retry_after": {"type": "integer", "description": "Seconds to wait (429)."},
    },
    "additionalProperties": True,
}
DESCRIPTIONS = {
    "400": "The parameters or fields at fault, with reasons.",
    "401": "No credentials, or a token that is not valid.",
    "403": "The caller lacks the right.",
    "404": "Nothing the caller may see is there (or a page past the last).",
    "409": "The state of what is acted on does not allow this action.",
    "429": "Too many requests; `Retry-After` says how long to wait.",
}
_ERROR_REF = {"$ref": "#/components/schemas/Error"}


def _statuses(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    parameters = operation.get("parameters", [])
    anyone = {} in operation.get("security", [{}])
    statuses = ["429"]
    if parameters or "requestBody" in operation:
        statuses.append("400")
    if not anyone:
        statuses += ["401", "403"]
    if "{" in path or any(p.get("name") == "page" for p in parameters) or not anyone:
        statuses.append("404")
    if method == "post" and not anyone:
        statuses.append("409")
    return statuses


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status in _statuses(path, method, operation):
                response = responses.setdefault(status, {"description": DESCRIPTIONS[status]})
                response.setdefault("content", {"application/json": {"schema": _ERROR_REF}})
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path" and schema.get("type") == "integer":
                    schema.setdefault("minimum", 1)
                    schema.setdefault("maximum", MAX_ID)
    return result
