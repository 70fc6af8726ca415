"""Editions that last: a synthetic 2025 (tests/fixtures/edition_2025, never published) added
to the frozen 2024 data (tests/fixtures/frozen_2024, what the shared site is built from)
publishes both years at permanent addresses, leaves the 2024 edition as it was, words the
change over the years by qualifier and cites each figure's source."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from bs4 import BeautifulSoup
from helpers import FROZEN, PUBLIC_ADDRESS, PUBLISHED, ROOT, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "edition_2025" / "data"
ENV = {"SOURCE_DATE_EPOCH": "1700000000"}


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    work = tmp_path_factory.mktemp("editions")
    shutil.copytree(FROZEN, work / "data")
    shutil.copytree(FIXTURE, work / "data", dirs_exist_ok=True)
    # built to publish (a public address: share images, sitemap, embed snippets), as a
    # deployment of a second year is
    result = build_site(work / "site", data_dir=work / "data", extra_env={**ENV, **PUBLISHED})
    assert result.returncode == 0, result.stderr
    return work / "site"


def soup(site, page) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(site, page) -> str:
    return " ".join(soup(site, page).get_text(" ").split())


def test_each_edition_has_permanent_addresses(two_editions):
    for page in ("2024", "2024/sanyuan", "2024/ninghua", "2025", "2025/sanyuan", "2025/ninghua"):
        assert (two_editions / page / "index.html").is_file(), page
    assert soup(two_editions, "2024/sanyuan").find("h1").get_text() == "三元区（2024 年版）"


def chart_tables(page) -> list[str]:
    """Each chart's words and table, without the embed snippet that only a build with a
    public address (the two editions', not the shared site's) offers."""
    tables = []
    for figure in page.select("figure.chart"):
        details = figure.select_one("details.chart-table")
        for snippet in details.select(".embed-code, .embed-snippet"):
            snippet.decompose()
        tables.append("".join(str(details).split()))  # every character but the spacing
    return tables


REGIONS = ["sanyuan", "shaxian", "yongan", "mingxi", "qingliu", "ninghua"]


@pytest.mark.parametrize("region", REGIONS)
def test_the_2024_edition_is_unchanged_by_a_later_year(built_site, two_editions, region):
    before = soup(built_site, f"2024/{region}")
    after = soup(two_editions, f"2024/{region}")
    assert str(before.select_one("table.figures-table")) == str(
        after.select_one("table.figures-table")
    )
    assert str(before.select_one(".lede")) == str(after.select_one(".lede"))
    assert chart_tables(before) == chart_tables(after)


def test_the_2024_downloads_are_unchanged_by_a_later_year(built_site, two_editions):
    def files(site):
        root = site / "downloads"
        paths = [*root.glob("2024/*.csv"), *root.glob("charts/2024-*.csv")]
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths}

    before = files(built_site)
    assert before and files(two_editions) == before


def test_an_old_edition_says_a_newer_one_exists(built_site, two_editions):
    banner = soup(two_editions, "2024/sanyuan").select_one(".edition-banner")
    assert "已有更新的版本" in banner.get_text()
    assert banner.select_one("a")["href"] == "../../2025/sanyuan/"
    assert soup(two_editions, "2025/sanyuan").select_one(".edition-banner") is None
    assert soup(built_site, "2024/sanyuan").select_one(".edition-banner") is None


def test_an_old_edition_page_still_newest_for_its_region_says_so(two_editions):
    # 永安市 has no 2025 file: its 2024 page is still where its newest figures are
    banner = soup(two_editions, "2024/yongan").select_one(".edition-banner")
    assert banner.select_one(".admonition-title").get_text() == (
        "这是 2024 年版；永安市最新的数字仍在本页"
    )
    assert "已有 2025 年版，但它的来源没有写到永安市" in banner.get_text()
    links = [(a["href"], a.get_text()) for a in banner.select("a")]
    assert links == [
        ("../../2025/", "2025 年版"),
        ("../../methods/#更新记录", "更新记录"),
        # 永安市 has figures of one year: its timeline page shows no change, only the newest
        ("../../yongan/", "始终显示最新数字的页面"),
    ]
    # 三元区 has figures of both years: its timeline page shows their change
    assert (
        soup(two_editions, "2024/sanyuan").select(".edition-banner a")[1].get_text() == "历年变化"
    )


def test_change_over_years_is_worded_by_qualifier(two_editions):
    page = text(two_editions, "sanyuan")
    assert "2024 年 9 场 → 2025 年 12 场（+3）" in page  # exact to exact: a difference
    # "10多场次" is at least 10: both sayings, no computed difference
    assert "2024 年 至少 10 场次 → 2025 年 12 场次" in page
    assert "2025 年 12 场次（" not in page
    overview = text(two_editions, "")
    assert "沙县区 2024 年 4 场 → 2025 年 至少 5 场 " in overview  # a changed qualifier
    # each year's figures come from that year's own document: said once, under the table
    assert (
        "表中两年都有数字的地区，两年的数字出自不同的来源文件（各年各有来源），说法可能不尽相同。"
        in overview
    )
    assert "永安市 2024 年 至少 90 场次 → 2025 年 暂无数据" in overview  # a gap, not a 0
    assert "宁化县 2024 年 暂无数据 → 2025 年 6 场" in overview


def test_the_change_chart_leaves_a_gap_for_a_missing_year(two_editions):
    path = two_editions / "downloads" / "charts" / "change-sanyuan-targeted_consultations.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [(r["year"], r["region_name"], r["value"], r["source_id"]) for r in rows] == [
        ("2024", "三元区", "9", "sanming_cppcc_review_2024"),
        ("2025", "三元区", "12", "test_review_2025"),
    ]
    assert not (
        two_editions / "downloads/charts/change-sanyuan-micro_activities_combined.csv"
    ).exists()


def test_a_region_without_a_file_in_the_latest_year_shows_its_last_one(two_editions):
    page = text(two_editions, "yongan")
    assert "本页是永安市最新的数字，来自 2024 年：2025 年版的来源没有写到永安市" in page


def test_the_home_page_shows_each_units_newest_figures_with_their_year(two_editions):
    """2025 covers 三元区, 沙县区, 宁化县: the others with figures keep their 2024 ones."""
    home = soup(two_editions, "")
    units = {
        li.select_one(".unit-name").get_text(): li.select_one(".unit-status").get_text()
        for li in home.select("li.unit")
    }
    assert units["三元区"].endswith("个数字") and "年" not in units["三元区"]
    assert units["永安市"].startswith("2024 年的 ") and units["永安市"].endswith(" 个数字")
    assert units["大田县"] == "2025 年暂无数据"
    regions = [c.get_text() for c in home.select(".kf-card .kf-region")]
    assert "永安市（2024 年）" in regions and "三元区" in regions
    # the map says which year each unit's page shows, never "no data" for 永安市
    tiles = {
        label.split("：")[0]: label.split("：")[1]
        for label in (g["aria-label"] for g in home.select("figure#chart-newest-map [aria-label]"))
        if "：" in label
    }
    assert tiles["永安市"] == "2024 年数据"
    assert tiles["三元区"] == "2025 年数据"
    assert tiles["大田县"] == "暂无数据"
    # its words come from the sources of each unit's newest year: it cites them
    source_line = home.select_one("figure#chart-newest-map .chart-source").get_text()
    assert "《攻坚克难求突破,砥砺奋进勇争先》" in source_line  # 永安市's 2024 figures
    assert "测试用虚构报告：宁化县政协工作报告（2025）" in source_line
    assert "不出自任何来源" not in source_line
    assert (two_editions / "downloads" / "charts" / "newest-map.csv").is_file()
    # the 2025 edition's own map stays the edition's: 永安市 has no 2025 data
    assert soup(two_editions, "2025").select_one("figure#chart-2025-map") is not None


def test_a_region_added_from_its_own_source_gets_its_page(two_editions):
    page = soup(two_editions, "ninghua")
    lede = page.select_one(".lede").get_text()
    assert "《测试用虚构报告：宁化县政协工作报告（2025）》（作者：未知）" in lede
    rows = page.select("table.figures-table tr[data-metric]")
    assert [r["data-metric"] for r in rows] == ["targeted_consultations", "micro_consultations"]
    raw = (two_editions / "downloads" / "figures.csv").read_text(encoding="utf-8-sig")
    cited = {(r["year"], r["region_id"], r["source_id"]) for r in csv.DictReader(io.StringIO(raw))}
    assert ("2025", "ninghua", "test_ninghua_report_2025") in cited
    assert ("2025", "sanyuan", "test_review_2025") in cited
    assert ("2024", "sanyuan", "sanming_cppcc_review_2024") in cited


def test_every_source_of_every_year_is_on_the_methods_page(two_editions):
    sources = soup(two_editions, "methods").select("ul.sources > li")
    assert [li["id"] for li in sources] == [
        "source-sanming_cppcc_review_2024",
        "source-test_ninghua_report_2025",
        "source-test_review_2025",
    ]
    # a date written the ordinary YAML way (`date: 2025-01-10`) is shown as written
    assert "发布日期：2025-01-10" in sources[1].get_text()
    assert "发布日期：未知" in sources[0].get_text()
    raw = (two_editions / "downloads" / "sources.csv").read_text(encoding="utf-8-sig")
    dates = {r["source_id"]: r["date"] for r in csv.DictReader(io.StringIO(raw))}
    assert dates["test_ninghua_report_2025"] == "2025-01-10"


def test_editions_stay_out_of_the_search_index(two_editions):
    index = json.loads((two_editions / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "sanyuan/" in locations and "" in locations
    assert not any(loc.startswith(("2024/", "2025/")) for loc in locations)


def test_the_feed_announces_editions_and_changes(two_editions):
    feed = BeautifulSoup((two_editions / "feed.xml").read_text(encoding="utf-8"), "xml")
    titles = [e.title.get_text() for e in feed.find_all("entry")]
    # an edition's first 更新记录 entry is its publication, announced once
    assert titles == ["2025 年版更新（2027-04-01）", "2025 年版发布", "2024 年版发布"]
    # Atom requires an author: the feed names who publishes the site (mkdocs.yml)
    assert feed.find("feed").find("author", recursive=False).find("name").get_text() == (
        "三明市县级政协履职数据编辑组"
    )


def test_downloads_cover_every_edition(two_editions):
    downloads = two_editions / "downloads"
    for path in ("2024/figures.csv", "2025/figures.csv", "2025/ninghua.csv", "figures.csv"):
        assert (downloads / path).is_file(), path
    years = {
        r["year"]
        for r in csv.DictReader(
            io.StringIO((downloads / "figures.csv").read_text(encoding="utf-8-sig"))
        )
    }
    assert years == {"2024", "2025"}


def test_published_editions_have_every_share_image_and_address(two_editions):
    """Built to publish, every page's share image exists, the home page's among them (the map
    of each unit's newest year: 宁化县's is 2024), and the sitemap lists both editions."""
    site = two_editions
    pages = [p for p in site.rglob("index.html") if "embed" not in p.parts]
    for path in pages:
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        image = doc.find("meta", property="og:image")["content"]
        assert image.startswith(PUBLIC_ADDRESS), path
        png = site / image.removeprefix(PUBLIC_ADDRESS)
        assert png.read_bytes().startswith(b"\x89PNG"), path
    home = soup(site, "").find("meta", property="og:image")["content"]
    assert home == f"{PUBLIC_ADDRESS}assets/og/newest-map.png"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for address in ("2024/sanyuan/", "2025/sanyuan/", "2024/ninghua/", "sanyuan/"):
        assert f"<loc>{PUBLIC_ADDRESS}{address}</loc>" in sitemap, address


def test_an_edition_without_a_unit_links_to_the_editions_with_it(two_editions):
    """永安市 has figures in 2024 only, 宁化县 in 2025 only (from its own report): each
    edition without them says which one has them, and leads to the unit's newest figures."""
    for page, words, links in (
        (
            "2025/yongan",
            "永安市在其他年份的版本中有数字：2024 年版；最新的数字见永安市页。",
            ["../../2024/yongan/", "../../yongan/"],
        ),
        (
            "2024/ninghua",
            "宁化县在其他年份的版本中有数字：2025 年版；最新的数字见宁化县页。",
            ["../../2025/ninghua/", "../../ninghua/"],
        ),
    ):
        other = soup(two_editions, page).select_one(".other-editions")
        assert " ".join(other.get_text().split()) == words, page
        assert [a["href"] for a in other.find_all("a")] == links, page
    assert soup(two_editions, "2025/datian").select_one(".other-editions") is None


def test_a_timeline_link_promises_a_change_only_where_a_metric_has_two_years(tmp_path):
    """The banner's link says 历年变化 only when the region's timeline page shows one: a
    metric reported in two years, not merely files in two years."""
    from site_builder import pages
    from site_builder.validate import load_dataset

    shutil.copytree(FROZEN, tmp_path / "data")
    shutil.copytree(FIXTURE, tmp_path / "data", dirs_exist_ok=True)
    ds = load_dataset(tmp_path / "data")
    assert ds.changes_over_years("sanyuan") and not ds.changes_over_years("yongan")
    assert ds.changes_over_years("shaxian")
    earlier = {f.metric_id for f in ds.report(2024, "shaxian").figures}
    later = ds.report(2025, "shaxian")
    ds.reports[ds.reports.index(later)] = later.model_copy(
        update={"figures": tuple(f for f in later.figures if f.metric_id not in earlier)}
    )
    assert len(ds.reports_of("shaxian")) == 2 and not ds.changes_over_years("shaxian")
    banner = pages.environment().get_template("_macros.md.j2").module.edition_banner
    links = BeautifulSoup(str(banner(2024, ds, "../../", "shaxian/")), "html.parser").select("a")
    assert [a.get_text() for a in links] == ["2025 年版", "始终显示最新数字的页面", "更新记录"]


def test_a_feed_entry_keeps_its_id_when_corrected_or_followed(frozen_dataset):
    """A feed reader announces every new id: correcting an entry's words, or adding a later
    entry, must not announce the entries already there a second time."""
    import dataclasses

    from site_builder.feed import atom

    def ids(changes) -> list[str]:
        ds = dataclasses.replace(frozen_dataset, changes=changes)
        feed = BeautifulSoup(atom(ds), "xml")
        found = [e.find("id").get_text() for e in feed.find_all("entry")]
        return sorted(i for i in found if ":change/" in i)

    changes = list(frozen_dataset.changes)
    before = ids(changes)
    assert len(before) == len(changes) - 1  # the first is the edition's publication
    corrected = changes[1].model_copy(update={"what": changes[1].what + "（改正错字）"})
    assert ids([changes[0], corrected, *changes[2:]]) == before
    later = changes[-1].model_copy(update={"date": "2026-12-01", "what": "又一处更正。"})
    assert set(before) < set(ids([*changes, later]))
