"""JSON Schemas of the data files, for the editor's own tools.

Generated from ``records`` (the one definition of every record) by
``python -m site_builder schema`` and committed under ``schema/``. Every data file names its
schema in its first line (``# yaml-language-server: $schema=…``) and ``.vscode/settings.json``
maps them too, so VS Code with the YAML extension (and other editors that read JSON Schema)
underline a wrong qualifier or an unknown field as the editor types, with the Chinese
description on hover. The schemas list the known ids (metrics, regions, sources, categories),
so a test fails when the committed schemas lag behind the data. Cross-file rules and the
evidence checks stay with ``check``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel

from .errors import Problem
from .model import Dataset
from .records import (
    ChangelogFile,
    DatasetFile,
    MetricsFile,
    RegionFile,
    RegionsFile,
    SourceFile,
)

# schema file -> (record, the data files it describes, relative to the project)
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "region.schema.json": (RegionFile, "data/[0-9][0-9][0-9][0-9]/*.yaml"),
    "source.schema.json": (SourceFile, "data/[0-9][0-9][0-9][0-9]/sources/*.yaml"),
    "regions.schema.json": (RegionsFile, "data/regions.yaml"),
    "metrics.schema.json": (MetricsFile, "data/metrics.yaml"),
    "changelog.schema.json": (ChangelogFile, "data/changelog.yaml"),
    "dataset.schema.json": (DatasetFile, "data/dataset.yaml"),
}


def _known_ids(ds: Dataset) -> dict[tuple[str, str], list[str]]:
    """(definition, property) -> the ids the data knows, for the schema's enums."""
    metrics = [m.id for m in ds.metrics]
    regions = [r.id for r in ds.regions]
    sources = sorted(ds.sources)
    return {
        ("FigureRecord", "metric"): metrics,
        ("HighlightRecord", "figures"): metrics,
        ("RegionFile", "key_figures"): metrics,
        ("RegionFile", "region"): regions,
        ("SourceFile", "covers"): regions,
        ("MetricRecord", "category"): [c.id for c in ds.categories],
        ("MetricRecord", "related"): metrics,
        **{
            (d, "source"): sources
            for d in ("RegionFile", "FigureRecord", "HighlightRecord", "HonourRecord")
        },
    }


def _with_enum(prop: dict, ids: list[str]) -> None:
    """Restrict a string property (or the items of an array, or the string branch of an
    optional) to the known ids."""
    if prop.get("type") == "array":
        prop["items"] = {**prop.get("items", {}), "enum": ids}
    elif "anyOf" in prop:
        for branch in prop["anyOf"]:
            if branch.get("type") == "string":
                branch["enum"] = ids
    else:
        prop["enum"] = ids


def schema_for(record: type[BaseModel], ds: Dataset) -> dict:
    schema = record.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    known = _known_ids(ds)
    definitions = {record.__name__: schema, **schema.get("$defs", {})}
    for (name, prop), ids in known.items():
        target = definitions.get(name, {}).get("properties", {}).get(prop)
        if target is not None:
            _with_enum(target, ids)
    return schema


def schema_files(ds: Dataset) -> dict[str, bytes]:
    """Every schema file's bytes, deterministic (sorted keys, fixed indent)."""
    return {
        name: (
            json.dumps(schema_for(record, ds), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ).encode("utf-8")
        for name, (record, _) in SCHEMAS.items()
    }


def vscode_settings() -> bytes:
    """``.vscode/settings.json``: which schema describes which data files."""
    mapping = {f"./schema/{name}": [glob] for name, (_, glob) in SCHEMAS.items()}
    return (json.dumps({"yaml.schemas": mapping}, ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8"
    )


def write(project: Path, ds: Dataset) -> list[tuple[Path, bool]]:
    """Write every schema and the editor settings; each path with whether it changed (an
    unchanged file is left alone, so its date says when it last changed)."""
    files = {project / "schema" / name: data for name, data in schema_files(ds).items()}
    files[project / ".vscode" / "settings.json"] = vscode_settings()
    out = []
    for path, data in files.items():
        changed = not path.is_file() or path.read_bytes() != data
        if changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        out.append((path, changed))
    return out


def header(project: Path, schema_name: str, data_file: Path) -> str:
    """The first line a data file needs for editors to find its schema."""
    relative = Path(os.path.relpath(project / "schema" / schema_name, data_file.parent))
    return f"# yaml-language-server: $schema={relative.as_posix()}"


def lagging(project: Path, ds: Dataset) -> list[Problem]:
    """What keeps the editor's tools from knowing the data: ``schema/`` not regenerated
    after a new source, region or metric, or a data file not naming its schema (CI fails on
    both, so ``check`` says so first)."""
    problems = []
    expected = {f"schema/{name}": data for name, data in schema_files(ds).items()}
    expected[".vscode/settings.json"] = vscode_settings()
    for shown, data in expected.items():
        path = project / shown
        if not path.is_file() or path.read_bytes() != data:
            problems.append(
                Problem(
                    shown,
                    1,
                    "",
                    "与当前的数据不一致（增删了来源、地区、指标或类别之后没有重新生成）",
                    "运行 .venv/bin/python -m site_builder schema，再提交 schema/ 和 .vscode/",
                )
            )
    for name, (_, glob) in SCHEMAS.items():
        for path in sorted(project.glob(glob)):
            line = header(project, name, path)
            with path.open(encoding="utf-8-sig", errors="replace") as f:
                first = f.readline().rstrip("\r\n")
            if first != line:
                problems.append(
                    Problem(
                        path.relative_to(project).as_posix(),
                        1,
                        "",
                        "第一行没有写明这个文件的 JSON Schema（编辑器靠它在输入时标出错误）",
                        f"第一行是 {line}",
                    )
                )
    return problems
