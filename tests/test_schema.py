"""The JSON Schemas under schema/ that editors' tools use: current with the data, true of
every real data file, and strict about what `check` would refuse by type."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from helpers import FROZEN, ROOT
from jsonschema import Draft202012Validator

from site_builder import editor_schema

SCHEMA = ROOT / "schema"


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMA / name).read_text(encoding="utf-8")))


def test_committed_schemas_equal_a_fresh_generation(dataset):
    fresh = editor_schema.schema_files(dataset)
    committed = {p.name: p.read_bytes() for p in SCHEMA.glob("*.json")}
    assert committed == fresh, "run `python -m site_builder schema` and commit schema/"
    settings = (ROOT / ".vscode" / "settings.json").read_bytes()
    assert settings == editor_schema.vscode_settings()


def data_files():
    for name, (_, glob) in editor_schema.SCHEMAS.items():
        for path in sorted(ROOT.glob(glob)):
            yield name, path


@pytest.mark.parametrize(("name", "path"), list(data_files()), ids=lambda v: getattr(v, "name", v))
def test_every_data_file_names_and_satisfies_its_schema(name, path):
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    declared = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert declared, f"{path}: first line should name its schema"
    assert (path.parent / declared.group(1)).resolve() == (SCHEMA / name).resolve()
    # dates stay text, as the project's own reader keeps them
    doc = json.loads(json.dumps(yaml.safe_load(text), default=str))
    errors = list(validator(name).iter_errors(doc))
    assert errors == [], [e.message for e in errors]


def sanyuan() -> dict:
    """A region file with figures (the frozen one: data/'s may keep them in figures.csv)."""
    return yaml.safe_load((FROZEN / "2024" / "sanyuan.yaml").read_text(encoding="utf-8"))


def messages(doc) -> list[str]:
    return [e.message for e in validator("region.schema.json").iter_errors(doc)]


def test_the_schema_refuses_an_unknown_field():
    doc = sanyuan()
    doc["figures"][0]["qualifer"] = doc["figures"][0].pop("qualifier")
    found = messages(doc)
    assert any("'qualifer' was unexpected" in m for m in found)
    assert any("'qualifier' is a required property" in m for m in found)


def test_the_schema_refuses_an_unknown_qualifier_and_metric():
    doc = sanyuan()
    doc["figures"][0]["qualifier"] = "roughly"
    doc["figures"][1]["metric"] = "targetted_consultations"
    found = messages(doc)
    assert any("'roughly' is not one of ['exact', 'at_least', 'approx']" in m for m in found)
    assert any("'targetted_consultations' is not one of" in m for m in found)


def test_the_schema_refuses_a_wrong_type_and_a_missing_field():
    doc = sanyuan()
    doc["figures"][0]["value"] = "9场"
    del doc["figures"][1]["evidence"]
    found = messages(doc)
    assert any("'9场' is not valid under any of the given schemas" in m for m in found)
    assert any("'evidence' is a required property" in m for m in found)


def test_hover_texts_are_chinese():
    schema = json.loads((SCHEMA / "region.schema.json").read_text(encoding="utf-8"))
    figure = schema["$defs"]["FigureRecord"]["properties"]
    assert figure["qualifier"]["description"].startswith("exact：确切数")
    assert figure["evidence"]["description"] == "来源中包含这个数字的一个原文短句，一字不改"
