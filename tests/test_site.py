"""The built site: pages, charts, numbers, self-containment, search and downloads.

Built from the frozen 2024 data (tests/fixtures/frozen_2024), so what a page should show is
written out here and holds however data/ grows; the real data's build is checked for
what must hold of any data (the sources cited, never republished)."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import zipfile
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import files_under
from helpers import DATA, FROZEN

from site_builder import aggregate, render_charts

REGIONS_WITH_DATA = ["sanyuan", "shaxian", "yongan", "mingxi", "qingliu"]
REGIONS_WITHOUT_DATA = ["ninghua", "datian", "youxi", "jiangle", "taining", "jianning"]
PAGES = ["index.html", "2024/index.html", "methods/index.html", "downloads/index.html"] + [
    f"{prefix}{r}/index.html"
    for r in REGIONS_WITH_DATA + REGIONS_WITHOUT_DATA
    for prefix in ("", "2024/")
]


@functools.cache  # the sites are built once per run and only read: parse each page once
def soup(site, page) -> BeautifulSoup:
    """The parsed page, shared by the tests: read it, never change it."""
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def html_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_exists(built_site):
    for page in PAGES:
        assert (built_site / page).is_file(), page


@pytest.mark.parametrize("region", REGIONS_WITHOUT_DATA)
def test_a_unit_no_source_covers_gets_a_true_short_page(built_site, region, frozen_dataset):
    page = soup(built_site, f"{region}/index.html")
    name = frozen_dataset.region_by_id[region].name
    assert page.find("h1").get_text() == name
    lede = page.select_one(".lede").get_text()
    assert "暂无数据" in lede and "不作任何估算" in lede
    assert not page.select(".fig-value")  # no number, no zero
    [locator] = page.select("figure.chart")
    assert locator.select_one(".chart-svg")["aria-label"] == f"{name}在三明市的位置"
    assert f"{name}（暂无数据）在示意图的" in locator.select_one(".chart-desc").get_text()


def test_build_is_strict_and_quiet(built_site_log):
    assert "WARNING" not in built_site_log and "ERROR" not in built_site_log


@pytest.mark.parametrize("region", REGIONS_WITH_DATA)
def test_region_page_has_svg_charts(built_site, region, frozen_dataset):
    page = soup(built_site, f"{region}/index.html")
    figures = page.select("figure.chart")
    assert figures, "no chart"
    for fig in figures:
        svg = fig.select_one(".chart-svg svg")
        assert svg is not None and re.fullmatch(r"0 0 [\d.]+ [\d.]+", svg["viewbox"])
        assert svg.select("path, rect"), "chart has no marks"
        assert fig.select_one(".chart-desc").get_text(strip=True)
        assert fig.select_one("details.chart-table table")
        link = fig.select_one(".chart-source a[href]")["href"]
        assert (built_site / region / link).resolve().is_file()
    # the locator, then its position on every comparable metric, reported or not
    comparable = [m for m in frozen_dataset.metrics if m.comparable]
    kinds = [f["class"][1] for f in figures]
    assert kinds == ["chart-tiles"] + ["chart-comparison"] * len(comparable)


# Each figure of the page as a reader reads it: literal words, qualifier included.
WORDS = {
    "sanyuan": {
        "targeted_consultations": "9 场",
        "inspections_and_research": "至少 10 场次",
        "reports_endorsed_by_leaders": "16 篇",
        "micro_activities_combined": "至少 60 场次",
    },
    "shaxian": {"micro_consultations": "13 场", "study_trip_participants": "86 人次"},
    "yongan": {"micro_consultations": "至少 90 场次", "project_investment_advanced": "140 亿元"},
    "mingxi": {"topic_suggestions_collected": "至少 20 条"},
    "qingliu": {"talent_pool_size": "近 800 人", "free_clinic_patients": "至少 500 人次"},
}


@pytest.mark.parametrize("region", REGIONS_WITH_DATA)
def test_numbers_on_region_page_equal_the_data(built_site, region, frozen_dataset):
    df = aggregate.figures_frame(frozen_dataset)
    rows = df[df["region_id"] == region].set_index("metric_id")
    page = soup(built_site, f"{region}/index.html")
    table_rows = page.select("table.figures-table tbody tr[data-metric]")
    assert len(table_rows) == len(rows)
    shown = {}
    for tr in table_rows:
        row = rows.loc[tr["data-metric"]]
        value = tr.select_one(".fig-value")
        assert float(value["data-value"]) == row.value
        assert value["data-qualifier"] == row.qualifier
        assert tr.select_one("td.evidence").get_text() == row.evidence
        shown[tr["data-metric"]] = " ".join(value.get_text(" ", strip=True).split())
    assert WORDS[region].items() <= shown.items()
    cards = page.select(".kf-card .fig-value")
    assert len(cards) == len(frozen_dataset.report(2024, region).key_figures)


def test_headline_figures_keep_qualifiers(built_site, frozen_dataset):
    page = soup(built_site, "index.html")
    cards = page.select(".kf-card")
    assert len(cards) == 5
    words = [" ".join(c.select_one(".fig-value").get_text(" ", strip=True).split()) for c in cards]
    assert "至少 60 场次" in words  # 三元区's combined count, "60多场次"
    assert "近 800 人" in words  # 清流县's talent pool, "近800人"


def test_overview_compares_only_comparable_metrics(built_site, frozen_dataset):
    page = soup(built_site, "index.html")
    ids = [f["data-chart-id"] for f in page.select("figure.chart-comparison")]
    assert ids == [f"2024-{m.id}" for m in frozen_dataset.metrics if m.comparable]
    micro = page.select_one("#chart-2024-micro_consultations")
    svg_text = micro.select_one("svg").get_text(" ")
    assert "未报告" in svg_text and "暂无数据" in svg_text and "≥90" in svg_text
    table_regions = [th.get_text() for th in micro.select("tbody th")]
    # all 11 units: those with a figure (in the regions' order: 微协商 is counted differently
    # from place to place, so not ranked), then 未报告, then 暂无数据 (never drawn as 0)
    assert table_regions == [
        "沙县区",
        "永安市",
        "清流县",
        "三元区",
        "明溪县",
        "宁化县",
        "大田县",
        "尤溪县",
        "将乐县",
        "泰宁县",
        "建宁县",
    ]


def test_no_title_claims_an_order_the_qualifiers_do_not_allow(built_site):
    for page in PAGES:
        doc = soup(built_site, page)
        assert "相当" not in doc.get_text(), page
    titles = [
        f.select_one(".chart-svg")["aria-label"]
        for page in PAGES
        for f in soup(built_site, page).select("figure.chart-comparison")
    ]
    assert titles and all("11 个单位中" in t for t in titles)


def test_all_eleven_units_at_a_glance(built_site):
    page = soup(built_site, "index.html")
    units = page.select("ul.unit-grid li")
    assert len(units) == 11
    assert len(page.select("ul.unit-grid li.has-data")) == 5
    assert all("暂无数据" in u.get_text() for u in page.select("ul.unit-grid li.no-data"))
    assert len(page.select("ul.unit-grid li a")) == 11  # every unit has its page
    tiles = page.select_one("#chart-2024-map svg")
    links = [a["xlink:href"] for a in tiles.select("a")]
    # each tile, its name and its status lead to the unit's page (a tap lands on the words)
    assert sorted(links) == sorted(3 * [f"{r}/" for r in REGIONS_WITH_DATA + REGIONS_WITHOUT_DATA])


RESOURCE_ATTRS = {
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "audio": "src",
    "video": "src",
}


def test_nothing_loads_from_another_host(built_site):
    for page in html_pages(built_site):
        doc = soup(built_site, page)
        for tag, attr in RESOURCE_ATTRS.items():
            for el in doc.find_all(tag, attrs={attr: True}):
                assert not urlparse(el[attr]).netloc, f"{page}: {el}"
        for el in doc.find_all("link", href=True):
            rel = " ".join(el.get("rel", []))
            if rel in ("canonical", "alternate"):
                continue
            assert not urlparse(el["href"]).netloc, f"{page}: {el}"
        for el in doc.find_all(style=True):
            assert "url(http" not in el["style"] and "url(//" not in el["style"]
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert not re.search(r"@import\s+['\"](https?:)?//", text), css


def test_search_index_is_chinese_and_finds_micro_consultations(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert re.fullmatch(index["config"]["separator"], "\u200b")  # jieba's word boundary
    tokens_by_page: dict[str, set] = {}
    for doc in index["docs"]:
        words = set(re.split(index["config"]["separator"], re.sub("<[^>]+>", " ", doc["text"])))
        tokens_by_page.setdefault(doc["location"].split("#")[0], set()).update(words)
    found = {page for page, words in tokens_by_page.items() if "微协商" in words}
    assert {"shaxian/", "yongan/", "qingliu/", "sanyuan/"} <= found


def test_the_search_index_leaves_out_the_changelog_and_the_data_dictionary(built_site):
    """Every page loads the index: it holds what readers search for (regions, metrics), not
    the 更新记录 entries or the dictionary's field tables, which stay on their pages."""
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    text = re.sub("[\u200b\\s]", "", "".join(d["text"] for d in json.loads(raw)["docs"]))
    methods = (built_site / "methods" / "index.html").read_text(encoding="utf-8")
    assert "第三轮逐句审核" in methods and "第三轮逐句审核" not in text
    assert "整理者对该事项的概述" in methods and "整理者对该事项的概述" not in text
    assert "对口协商" in text and "乡贤名医义诊" in text  # the metric catalogue stays


def test_downloads_equal_export(built_site, exported):
    exported = files_under(exported)
    served = {
        p.relative_to(built_site / "downloads").as_posix(): p.read_bytes()
        for p in (built_site / "downloads").rglob("*")
        if p.is_file() and p.name != "index.html"
    }
    assert served == exported
    assert "figures.csv" in served


def test_the_downloads_page_lists_every_chart_file_comparisons_first(built_site):
    page = soup(built_site, "downloads/index.html")
    listed = [a["href"] for a in page.select("table.downloads a[href^='charts/']")]
    on_disk = sorted(
        p.relative_to(built_site / "downloads").as_posix()
        for p in (built_site / "downloads" / "charts").glob("*.csv")
    )
    assert sorted(listed) == on_disk  # every file once
    assert listed[:2] == [
        "charts/2024-targeted_consultations.csv",
        "charts/2024-micro_consultations.csv",
    ]
    folded = [a["href"] for a in page.select("details a[href^='charts/']")]
    assert len(folded) == 11 and all(h.endswith("-map.csv") for h in folded)  # one per unit
    assert "charts/2024-map.csv" not in folded


def test_chart_data_links_point_to_the_drawn_rows(built_site):
    page = soup(built_site, "index.html")
    micro = page.select_one("#chart-2024-micro_consultations")
    raw = (built_site / micro.select_one(".chart-source a")["href"]).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert len(rows) == 11 == len(micro.select("tbody tr"))
    by_region = {r["region_id"]: r for r in rows}
    assert by_region["yongan"]["qualifier"] == "at_least" and by_region["yongan"]["value"] == "90"
    assert (by_region["sanyuan"]["status"], by_region["sanyuan"]["value"]) == ("not_reported", "")
    assert (by_region["ninghua"]["status"], by_region["ninghua"]["value"]) == ("no_data", "")
    assert all(r["caveat"] for r in rows)  # the comparison's caveat travels with every row


def test_home_open_graph_image_ranks_nothing(built_site):
    """The image WeChat shows without the page around it: the map of which units have data."""
    page = soup(built_site, "index.html")
    og_chart = page.find("meta", property="og:image")  # only with a public address
    assert og_chart is None
    # the first chart of a page is its Open Graph image: the map, which ranks nothing
    first = page.select_one("figure.chart")
    assert first["id"] == "chart-2024-map"
    title = first.select_one(".chart-svg")["aria-label"]
    assert "最多" not in title and "11 个县级单位" in title


def test_missing_cjk_font_stops_with_clear_message(monkeypatch):
    monkeypatch.setattr(render_charts, "find_cjk_font", lambda: None)
    with pytest.raises(render_charts.NoCJKFontError, match="fonts-noto-cjk"):
        render_charts.render_all([], None)


def source_runs(data, n: int = 40) -> set[str]:
    """Every n-character run of every stored source text of ``data``."""
    runs = set()
    for path in data.glob("*/sources/*.txt"):
        text = path.read_text(encoding="utf-8")
        runs.update(text[i : i + n] for i in range(len(text) - n + 1))
    return runs


def published_texts(site):
    for path in sorted(site.rglob("*")):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    yield f"{path}:{name}", z.read(name).decode("utf-8", "replace")
        elif path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".js", ".md"):
            yield str(path), path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize(
    ("site", "data"), [("built_site", FROZEN), ("published_site", DATA)], ids=["frozen", "real"]
)
def test_source_texts_are_cited_never_republished(request, site, data):
    """No 40-character run of a source's text reaches the site or its downloads (the
    evidence clauses the site quotes are shorter): the frozen site, and the real one, whose
    own words are the editors'."""
    site = request.getfixturevalue(site)
    runs = source_runs(data)
    assert runs
    for name, text in published_texts(site):
        copied = [text[i : i + 40] for i in range(len(text) - 39) if text[i : i + 40] in runs]
        assert not copied, f"{name} republishes the source: {copied[0]}"


def test_most_is_said_only_among_units_with_a_figure(built_site):
    page = soup(built_site, "index.html")
    title = page.select_one("#chart-2024-targeted_consultations .chart-svg")["aria-label"]
    assert title == "对口协商：11 个单位中 2 个有数字，这 2 个中三元区最多（9 场）"


def test_the_embedded_map_links_out_of_its_frame_to_real_pages(built_site):
    embed = built_site / "embed" / "2024" / "map" / "index.html"
    links = BeautifulSoup(embed.read_text(encoding="utf-8"), "html.parser").select("svg a")
    assert len(links) == 3 * 11  # each tile, its name and its status
    for a in links:
        assert a["target"] == "_top"
        assert (embed.parent / a["xlink:href"] / "index.html").resolve().is_file(), a
