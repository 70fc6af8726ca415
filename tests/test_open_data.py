"""The open dataset: a valid Frictionless package, a workbook equal to the CSVs, one
documented definition for every column, and the data behind every chart. The downloads of
the frozen 2024 data (tests/fixtures/frozen_2024) are checked in detail; those of the real
data must make a valid package too."""

from __future__ import annotations

import csv
import io
import json
import os
import time

from bs4 import BeautifulSoup
from openpyxl import load_workbook

from site_builder.cells import cell
from site_builder.schema import TABLE_BY_NAME, TABLES


def csv_rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_datapackage_validates_with_frictionless(exported):
    from frictionless import validate

    report = validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def test_the_real_data_makes_a_valid_package(dataset, tmp_path):
    from frictionless import validate

    from site_builder.export import download_files

    for name, content in download_files(dataset).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def test_datapackage_describes_every_csv(exported):
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    on_disk = {p.relative_to(exported).as_posix() for p in exported.rglob("*.csv")}
    assert paths == on_disk
    figures = next(r for r in package["resources"] if r["name"] == "figures")
    assert figures["schema"]["primaryKey"] == ["year", "region_id", "metric_id"]
    assert {fk["reference"]["resource"] for fk in figures["schema"]["foreignKeys"]} == {
        "regions",
        "metrics",
        "sources",
    }
    qualifier = next(f for f in figures["schema"]["fields"] if f["name"] == "qualifier")
    assert qualifier["constraints"]["enum"] == ["exact", "at_least", "approx"]
    assert package["licenses"] and package["sources"][0]["title"].startswith("《")
    assert "陈渴" in package["citation"]


def test_workbook_reads_back_equal_to_the_csvs(exported):
    [xlsx] = exported.glob("*.xlsx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["说明"] + [t.name for t in TABLES]
    for table in TABLES:
        sheet = [[c.value for c in row] for row in wb[table.name].iter_rows()]
        expected = csv_rows(exported / f"{table.name}.csv")
        assert [[cell(v) for v in row] for row in sheet] == expected, table.name
    values = [row[6] for row in wb["figures"].iter_rows(min_row=2)]
    assert all(c.data_type == "n" for c in values)  # numbers stored as numbers
    assert wb["figures"]["C2"].value == "三元区"
    readme = " ".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert all(q in readme for q in ("exact", "at_least", "approx"))
    assert all(c.name in readme for t in TABLES for c in t.columns)


def test_workbook_is_reproducible(exported, frozen_dataset):
    from site_builder.export import table_frames
    from site_builder.workbook import workbook_bytes

    [a] = exported.glob("*.xlsx")
    assert workbook_bytes(frozen_dataset, table_frames(frozen_dataset)) == a.read_bytes()


def test_a_cached_workbook_is_used_only_for_the_same_tables(frozen_dataset, tmp_path):
    """Builds keep the workbook in their cache: a rebuild with changed figures must publish
    the changed workbook, never the cached one."""
    from site_builder.export import table_frames
    from site_builder.workbook import workbook_bytes

    frames = table_frames(frozen_dataset)
    first = workbook_bytes(frozen_dataset, frames, tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".xlsx"]
    assert workbook_bytes(frozen_dataset, frames, tmp_path) == first
    edited = {**frames, "figures": frames["figures"].assign(value=frames["figures"]["value"] + 1)}
    changed = workbook_bytes(frozen_dataset, edited, tmp_path)
    assert changed != first
    assert changed == workbook_bytes(frozen_dataset, edited)  # as if written afresh
    assert load_workbook(io.BytesIO(changed))["figures"]["G2"].value == (
        load_workbook(io.BytesIO(first))["figures"]["G2"].value + 1
    )


def test_the_workbook_cache_forgets_workbooks_no_build_used_for_a_month(frozen_dataset, tmp_path):
    """Every edit writes a new workbook into the cache: one no build has read for 30 days is
    deleted when the next is written; one a build reads is kept (its time renewed)."""
    from site_builder.export import table_frames
    from site_builder.workbook import workbook_bytes

    frames = table_frames(frozen_dataset)
    workbook_bytes(frozen_dataset, frames, tmp_path)
    [used] = tmp_path.iterdir()
    month_ago = time.time() - 31 * 86400
    os.utime(used, (month_ago, month_ago))
    workbook_bytes(frozen_dataset, frames, tmp_path)  # read from the cache: used again
    assert used.stat().st_mtime > month_ago + 86400
    os.utime(used, (month_ago, month_ago))  # then a month without a build that reads it
    edited = {**frames, "figures": frames["figures"].assign(value=frames["figures"]["value"] + 1)}
    workbook_bytes(frozen_dataset, edited, tmp_path)
    [kept] = tmp_path.iterdir()
    assert kept != used


def test_data_dictionary_on_methods_page_matches_schema(built_site):
    page = BeautifulSoup(
        (built_site / "methods" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    for name, table in TABLE_BY_NAME.items():
        dictionary = page.select_one(f"table.dictionary[data-table='{name}']")
        assert dictionary is not None, f"{name} missing from the data dictionary"
        documented = [row.select_one("th code").get_text() for row in dictionary.select("tbody tr")]
        assert documented == table.header


def test_every_chart_links_to_its_data(built_site):
    for page in (p for p in built_site.rglob("index.html") if "embed" not in p.parts):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for fig in doc.select("figure.chart"):
            href = fig.select_one(".chart-source a[download]")["href"]
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page}: {href}"
            rows = csv_rows(target)
            assert len(rows) - 1 == len(fig.select("details.chart-table tbody tr"))
