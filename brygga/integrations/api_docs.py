"""The OpenAPI schema turned into plain data for a server-rendered documentation page.

The published schema (/api/v1/schema/) is the source; this module only reorganises it:
operations grouped by tag, parameters, request and response fields, errors and auth. No
script runs in the browser, so the page works under the strict Content-Security-Policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.http import HttpRequest

from drf_spectacular.generators import SchemaGenerator

from brygga.accounts.api_scopes import SCOPES

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str
    ref: str = ""


@dataclass
class Response:
    status: str
    description: str
    schema: str
    fields: list[Field]


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Field]
    request_schema: str
    request_fields: list[Field]
    responses: list[Response]
    auth: list[str]
    scope: str = ""


@dataclass
class Tag:
    name: str
    operations: list[Operation] = field(default_factory=list)


@dataclass
class Reference:
    title: str
    version: str
    description: str
    tags: list[Tag]
    schemas: list[tuple[str, list[Field]]]
    scopes: list[tuple[str, str]]


def _ref_name(schema: dict[str, Any]) -> str:
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else ""


def _type_of(schema: dict[str, Any]) -> tuple[str, str]:
    """(a readable type, the name of a referenced schema if any)."""
    if "$ref" in schema:
        name = _ref_name(schema)
        return name, name
    for combinator in ("allOf", "oneOf", "anyOf"):
        if combinator in schema:
            parts = [_type_of(part) for part in schema[combinator]]
            refs = [ref for _t, ref in parts if ref]
            return " | ".join(t for t, _r in parts), (refs[0] if refs else "")
    kind = schema.get("type", "object")
    if kind == "array":
        inner, ref = _type_of(schema.get("items", {}))
        return f"{inner}[]", ref
    text = str(kind)
    if schema.get("format"):
        text += f" ({schema['format']})"
    if schema.get("enum"):
        text += ": " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
    if schema.get("nullable"):
        text += " | null"
    return text, ""


def _fields(schema: dict[str, Any], components: dict[str, Any]) -> list[Field]:
    if "$ref" in schema:
        schema = components.get(_ref_name(schema), {})
    if schema.get("type") == "array":
        return _fields(schema.get("items", {}), components)
    required = set(schema.get("required", []))
    result = []
    for name, prop in schema.get("properties", {}).items():
        text, ref = _type_of(prop)
        if prop.get("readOnly"):
            text += " · read-only"
        result.append(Field(name, text, name in required, prop.get("description", ""), ref))
    return result


def _schema_label(schema: dict[str, Any]) -> str:
    text, _ref = _type_of(schema)
    return text


def _first_schema(content: dict[str, Any]) -> dict[str, Any]:
    for media in content.values():
        return dict(media.get("schema", {}))
    return {}


def build_reference(schema: dict[str, Any]) -> Reference:
    components = schema.get("components", {}).get("schemas", {})
    tags: dict[str, Tag] = {}
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = []
            for parameter in operation.get("parameters", []):
                text, ref = _type_of(parameter.get("schema", {}))
                parameters.append(
                    Field(
                        f"{parameter['name']} ({parameter.get('in', '')})",
                        text,
                        bool(parameter.get("required")),
                        parameter.get("description", ""),
                        ref,
                    )
                )
            body = operation.get("requestBody", {}).get("content", {})
            body_schema = _first_schema(body)
            responses = []
            for status, response in sorted(operation.get("responses", {}).items()):
                content = response.get("content", {})
                response_schema = _first_schema(content)
                responses.append(
                    Response(
                        status,
                        response.get("description", ""),
                        _schema_label(response_schema) if response_schema else "",
                        _fields(response_schema, components) if response_schema else [],
                    )
                )
            auth = sorted(
                {name for requirement in operation.get("security", []) for name in requirement}
            )
            tag = (operation.get("tags") or ["api"])[0]
            tags.setdefault(tag, Tag(tag)).operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=operation.get("operationId", f"{method}-{path}"),
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=parameters,
                    request_schema=_schema_label(body_schema) if body_schema else "",
                    request_fields=_fields(body_schema, components) if body_schema else [],
                    responses=responses,
                    auth=auth,
                    scope=operation.get("x-scope", ""),
                )
            )
    info = schema.get("info", {})
    return Reference(
        title=info.get("title", ""),
        version=str(info.get("version", "")),
        description=info.get("description", ""),
        tags=[tags[name] for name in sorted(tags)],
        schemas=[(name, _fields(body, components)) for name, body in sorted(components.items())],
        scopes=[(scope.code, str(scope.label)) for scope in SCOPES],
    )


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    generated = SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    return dict(generated or {})


def api_reference(request: HttpRequest) -> Reference:
    return build_reference(_schema())
