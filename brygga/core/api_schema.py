"""The API's error bodies in the OpenAPI schema: one place, for every endpoint.

DRF answers errors with `{"detail": "…"}` (401, 403, 404, 405, 429) or, for bad input,
`{"field": ["message", …]}` (400). `add_error_responses` (a drf-spectacular postprocessing
hook, SPECTACULAR_SETTINGS) adds them to each operation that can return them, so clients and
the fuzzing in CI see every answer described.
"""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "description": "Ett fel. `detail` är ett meddelande på svenska (eller engelska).",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": (
        "Felaktiga uppgifter: fältets namn (eller non_field_errors) med en lista av meddelanden."
    ),
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}]
    },
}

_DESCRIPTIONS = {
    "400": "Felaktiga uppgifter eller parametrar.",
    "401": "Inte inloggad, eller API-nyckeln är okänd, återkallad eller har gått ut.",
    "403": "Saknar behörighet (eller API-nyckeln saknar behörigheten för anropet).",
    "404": "Finns inte, eller finns inte för dig (eller sidan finns inte).",
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            public = {} in operation.get("security", []) and len(operation["security"]) == 1
            wanted = []
            if operation.get("parameters") or operation.get("requestBody"):
                wanted.append(("400", "ValidationError"))
            if not public:
                wanted += [("401", "Error"), ("403", "Error")]
            paginated = any(p.get("name") == "page" for p in operation.get("parameters", []))
            if "{" in path or paginated:  # a page past the last one is a 404 too
                wanted.append(("404", "Error"))
            for status, schema in wanted:
                responses.setdefault(
                    status,
                    {
                        "description": _DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": _ref(schema)}},
                    },
                )
    return result
