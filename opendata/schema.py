"""What drf-spectacular cannot see in the code: the rows of a JSON download, the range filters.

A list answers `application/json` in two shapes: a page of items, or with `?format=json` the
whole list as an array of flat rows (the columns of opendata/tables.py, as in the CSV). This
hook documents both, so that clients and schemathesis validate either against the schema.
The list pages' minimum and maximum filters take any number from 0, or nothing (core.filters),
where drf-spectacular reads the type of the model's field.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filters import EntryFilterSet
from opendata.tables import ACTORS, AWARDS, PROGRAMMES, SCHEMES

# The list filters' `tag` filters through a method, which tells drf-spectacular nothing of its
# values: they are tags' slugs. Imported by OpendataConfig.ready(), before any schema is made.
extend_schema_field(OpenApiTypes.STR)(EntryFilterSet.declared_filters["tag"])

DOWNLOADABLE = {
    "/api/v1/actors/": ACTORS,
    "/api/v1/funding-schemes/": SCHEMES,
    "/api/v1/training-programmes/": PROGRAMMES,
    "/api/v1/awards/": AWARDS,
}
JSON_TYPES = {
    "integer": {"type": ["integer", "null"]},
    "number": {"type": ["number", "null"]},
    "string": {"type": ["string", "null"]},
    "datetime": {"type": "string", "format": "date-time"},
}


def row_schema(table):
    """The JSON Schema of one row of `table`."""
    properties = {
        column.name: (
            {"type": "array", "items": {"type": "string"}}
            if column.many
            else JSON_TYPES[column.type]
        )
        | {"description": column.description}
        for column in table.columns
    }
    return {"type": "object", "properties": properties, "required": list(properties)}


def document_downloads(result, generator, request, public):
    """Let each downloadable list's JSON be a page or, with `?format=json`, an array of rows."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for path, table in DOWNLOADABLE.items():
        name = f"{table.model.__name__}Row"
        components[name] = row_schema(table)
        content = result["paths"][path]["get"]["responses"]["200"]["content"]
        page = content["application/json"]["schema"]
        content["application/json"]["schema"] = {
            "oneOf": [page, {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}]
        }
    for item in result["paths"].values():
        for parameter in item["get"].get("parameters", []):
            enum = parameter.get("schema", {}).get("enum")
            if enum is not None and parameter["name"] != "format" and "" not in enum:
                # Empty, as a form's « Tous » sends it, means no filter.
                enum.append("")
            if parameter["name"].endswith(("_min", "_max")):
                # Empty, as a form sends an unfilled field, means no limit.
                parameter["schema"] = {
                    "oneOf": [
                        {"type": "number", "minimum": 0},
                        {"type": "string", "maxLength": 0},
                    ]
                }
    return result
