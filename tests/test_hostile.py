"""Hostile text in every text field of the data stays literal text everywhere it shows up.

One payload combining HTML, a script, an event handler, a ``javascript:`` link, Markdown,
Jinja syntax, an attribute break-out and a spreadsheet formula goes into every text field
(names, summaries, titles, notes, evidence, honours, the source; of the units' names,
two) of the frozen 2024 data
(tests/fixtures/frozen_2024, what the shared site is built from). The built pages, their
chart SVGs, the search index and the downloads must show it as text and never run it.
"""

from __future__ import annotations

import csv
import io
import json
import re

import yaml
from bs4 import BeautifulSoup
from openpyxl import load_workbook

PAYLOAD = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>\"' onmouseover='alert(3)"
    " javascript:alert(4) [链接](javascript:alert(5)) **粗体** _斜体_ {{ 7*7 }} {% if 1 %}J{% endif %}"
    " </title></svg><svg onload=alert(6)>"
)
# Clauses are short (check refuses a paragraph): the payload that fits in front of one.
CLAUSE_PAYLOAD = "<script>alert(1)</script>"
# Numbers in our own words must be in the clauses they rest on: the payload's, quoted too.
FILLER = "这是测试用的填充文字，没有摘句引用它。" * 5
PAYLOAD_NUMBERS = "alert(1)alert(2)alert(3)alert(4)alert(5)alert(6)7*7"
FORMULA = '=HYPERLINK("http://example.invalid","点我")'
POISONED_REGIONS = ("sanyuan", "ninghua")


def poison(data_dir):
    """Put the payload into every text field of a copy of a data tree."""

    def edit(path, change):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        result = change(doc)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return result

    def regions(doc):
        # Two units' names (one with figures, one without) reach every chart and page that
        # names units; all eleven would only make each chart slower to draw (its labels
        # are measured glyph by glyph), not the test stricter.
        for r in doc["regions"]:
            if r["id"] in POISONED_REGIONS:
                r["name"] = r["name"] + PAYLOAD

    def metrics(doc):
        for c in doc["categories"]:
            c["name"] += PAYLOAD
            c["description"] += PAYLOAD
        for m in doc["metrics"]:
            m["name"] += PAYLOAD
            m["definition"] += PAYLOAD

    def source(doc):
        for key in ("title", "byline", "publisher", "date"):
            # str(): PyYAML reads `date: 2025-01-10` as a date (the project's reader keeps text)
            doc[key] = str(doc.get(key) or "") + PAYLOAD
        # a URL has no spaces: the attribute break-out without them
        doc["url"] = (
            'https://example.invalid/"><script>alert(1)</script><img/src=x/onerror=alert(2)>'
        )

    def report(doc):
        doc["summary"] = PAYLOAD + doc["summary"]
        for f in doc["figures"]:
            f["evidence"] = CLAUSE_PAYLOAD + f["evidence"]
            f["note"] = FORMULA
        for h in doc.get("highlights", []):
            h["title"] += PAYLOAD
            h["text"] += PAYLOAD
            h["evidence"] = [CLAUSE_PAYLOAD + c for c in h.get("evidence", [])]
            h["evidence"].append(PAYLOAD_NUMBERS)
        for h in doc.get("honours", []):
            h["text"] += PAYLOAD
            clauses = [h["evidence"]] if isinstance(h["evidence"], str) else h["evidence"]
            h["evidence"] = [CLAUSE_PAYLOAD + c for c in clauses] + [PAYLOAD_NUMBERS]
        return [f["evidence"] for f in doc["figures"]] + [
            c
            for item in doc.get("highlights", []) + doc.get("honours", [])
            for c in item["evidence"]
        ]

    edit(data_dir / "regions.yaml", regions)
    edit(data_dir / "metrics.yaml", metrics)
    for year in sorted(data_dir.glob("[0-9][0-9][0-9][0-9]")):
        quoted = []
        for path in sorted(year.glob("*.yaml")):
            quoted += edit(path, report)
        # The poisoned clauses must be verbatim in their source, so every source text of the
        # year carries them too: each apart from the next, among text no clause quotes, as a
        # real source would (`check` refuses a source quoted whole).
        apart = "".join(f"\n{clause}\n{FILLER}" for clause in dict.fromkeys(quoted))
        for path in sorted((year / "sources").glob("*.yaml")):
            edit(path, source)
            text = path.with_suffix(".txt")
            text.write_text(text.read_text(encoding="utf-8") + apart, encoding="utf-8")


def pages(site):
    return sorted(site.rglob("*.html"))


def test_no_markup_or_code_from_data_in_pages(hostile_site, built_site):
    for path in pages(hostile_site):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        clean = BeautifulSoup(
            (built_site / path.relative_to(hostile_site)).read_text(encoding="utf-8"), "html.parser"
        )
        assert len(doc.find_all("script")) == len(clean.find_all("script")), path
        assert len(doc.find_all("img")) == len(clean.find_all("img")), path
        for el in doc.find_all(True):
            for attr, value in el.attrs.items():
                assert not attr.lower().startswith("on"), f"{path}: {el.name} has {attr}"
                if attr in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not str(value).strip().lower().startswith("javascript:"), f"{path}: {el}"
        assert not doc.find("title").find_all(True)


def test_payload_shows_as_literal_text(hostile_site):
    page = BeautifulSoup(
        (hostile_site / "sanyuan" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = page.get_text()
    assert "<script>alert(1)</script>" in text  # shown, not run
    assert "{{ 7*7 }}" in text and "49" not in text.split("{{ 7*7 }}")[0][-3:]
    assert "**粗体**" in text and "[链接](javascript:alert(5))" in text
    assert page.find("h1").get_text() == "三元区" + PAYLOAD  # a Markdown heading, shown exactly
    highlight_titles = [h.get_text() for h in page.select("h3")]
    assert highlight_titles and all(h.endswith(PAYLOAD) for h in highlight_titles)
    title = page.find("title").get_text()
    assert "</title>" in title  # the break-out attempt stayed inside the title
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("三元区<script>")


def test_chart_svgs_hold_the_payload_as_text(hostile_site):
    page = BeautifulSoup(
        (hostile_site / "sanyuan" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    svgs = page.select("figure.chart .chart-svg svg")
    assert svgs
    for svg in svgs:
        assert not svg.find_all(["script", "img", "foreignobject", "a"])
        assert len(svg.find_all("svg")) == 0  # the payload's <svg onload> did not become an element
    assert "<script>alert(1)</script>" in svgs[0].get_text()
    # mark labels carry the payload as an attribute value, shown by tooltips via textContent
    labels = [m["aria-label"] for m in svgs[0].select(".role-mark > [aria-label]")]
    poisoned = [label for label in labels if PAYLOAD in label]
    assert {label.split("<")[0] for label in poisoned} == {"三元区", "宁化县"}
    embed = BeautifulSoup(
        (
            hostile_site / "embed" / "2024" / "sanyuan-targeted_consultations" / "index.html"
        ).read_text(encoding="utf-8"),
        "html.parser",
    )
    assert not embed.find_all("script") and not embed.find_all("img")
    assert "<script>alert(1)</script>" in embed.find("title").get_text()


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def test_search_index_has_no_live_markup(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert "<script" not in doc[field], doc["location"]
            assert not re.search(r"<[a-z]+[^>]*\son\w+=", doc[field]), doc["location"]
    assert any("&lt;script&gt;" in doc["text"] for doc in index["docs"])


def test_downloads_neutralise_formulas(hostile_site):
    raw = (hostile_site / "downloads" / "figures.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert rows and all(r["note"] == "'" + FORMULA for r in rows)
    assert all(re.fullmatch(r"\d+(\.\d+)?", r["value"]) for r in rows)  # numbers stay numbers
    assert all(r["evidence"].startswith("<script>") for r in rows)
    wb = load_workbook(hostile_site / "downloads" / "sanming-cppcc.xlsx")
    notes = [row[10].value for row in wb["figures"].iter_rows(min_row=2)]
    assert notes and all(n == "'" + FORMULA for n in notes)
    assert all(
        row[10].data_type == "s" for row in wb["figures"].iter_rows(min_row=2)
    )  # text, not a formula
