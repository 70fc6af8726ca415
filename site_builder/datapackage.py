"""The Frictionless Data Package (``datapackage.json``) describing every CSV download.

Generated from ``schema.TABLES`` (the same definitions that write the CSV headers and the
data dictionary), so the package cannot drift from the files it describes.
"""

from __future__ import annotations

import json

from . import wording
from .model import Dataset
from .schema import TABLE_BY_NAME, TABLES, Table

CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}


def _resource_name(text: str) -> str:
    # Data Package names allow lower-case letters, digits and "-._/" (no underscore).
    return text.lower().replace("_", "-")


def table_schema(table: Table) -> dict:
    fields = []
    for c in table.columns:
        field = {"name": c.name, "type": c.type, "title": c.title, "description": c.description}
        constraints = {}
        if c.required:
            constraints["required"] = True
        if c.enum:
            constraints["enum"] = list(c.enum)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": column,
                "reference": {"resource": _resource_name(ref_table), "fields": ref_column},
            }
            for column, ref_table, ref_column in table.foreign_keys
        ]
    return schema


def _resource(name: str, path: str, table: Table, title: str, description: str) -> dict:
    return {
        "name": _resource_name(name),
        "path": path,
        "title": title,
        "description": description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": CSV_DIALECT,
        "schema": table_schema(table),
    }


def datapackage(ds: Dataset, csv_paths: list[str], chart_tables: dict[str, str]) -> bytes:
    """``datapackage.json`` for the CSV files at ``csv_paths`` (relative to /downloads/);
    ``chart_tables`` names the table definition of each chart CSV."""
    resources = [_resource(t.name, f"{t.name}.csv", t, t.title, t.description) for t in TABLES]
    regions = ds.region_by_id
    for path in csv_paths:
        stem = path.removesuffix(".csv")
        head, _, name = stem.partition("/")
        if head.isdigit():  # an edition's own files: <year>/<table or region>.csv
            table = TABLE_BY_NAME.get(name) or TABLE_BY_NAME["figures"]
            what = table.title if name in TABLE_BY_NAME else f"{regions[name].name}的全部数字"
            resources.append(
                {
                    **_resource(
                        f"{head}-{name}",
                        path,
                        table,
                        f"{head} 年版：{what}",
                        f"{name}.csv 中 {head} 年的行。"
                        if name in TABLE_BY_NAME
                        else f"figures.csv 中{regions[name].name} {head} 年的行。",
                    ),
                    "schema": {**table_schema(table), "foreignKeys": []},
                }
            )
        elif path.startswith("charts/"):
            chart_id = stem.removeprefix("charts/")
            table = TABLE_BY_NAME[chart_tables[path]]
            # Chart files stand alone: keep their keys, drop cross-file references.
            resources.append(
                {
                    **_resource(
                        f"chart-{chart_id}", path, table, f"图表数据：{chart_id}", table.description
                    ),
                    "schema": {**table_schema(table), "foreignKeys": []},
                }
            )
    info = ds.info
    package = {
        "profile": "tabular-data-package",
        "name": info.name,
        "title": info.title,
        "description": info.description,
        "licenses": [
            {"name": info.licence.name, "title": info.licence.title, "path": info.licence.path}
        ],
        "sources": [
            {k: v for k, v in {"title": wording.cite(s), "path": s.url}.items() if v}
            for s in sorted(ds.sources.values(), key=lambda s: (s.year, s.id))
        ],
        "citation": citation(ds),
        "keywords": ["三明", "政协", *map(str, ds.years)],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def citation(ds: Dataset, url: str = "") -> str:
    where = f"，{url}downloads/figures.csv" if url else ""
    cited = "、".join(wording.cite(s) for s in sorted(ds.sources.values(), key=lambda s: s.id))
    return f"{ds.info.title}（整理自{cited}）{where}"
