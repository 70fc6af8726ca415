"""Every chart the site plans: a valid Vega-Lite spec that survives a JSON round trip, each
kind drawn once, and a one-figure edit redraws only the charts that show that figure. Every
chart of the real data is validated; what is counted and redrawn is planned from the frozen
2024 data (tests/fixtures/frozen_2024), whose charts are known."""

from __future__ import annotations

import json
import os
import re
import shutil
import time

import pytest
import vl_convert as vlc
from helpers import FROZEN, ROOT

from site_builder import aggregate, chart_plan, charts, render_charts, specs
from site_builder.validate import load_dataset


@pytest.fixture(scope="module")
def plan(frozen_dataset):
    return chart_plan.plan_site(frozen_dataset, aggregate.figures_frame(frozen_dataset))


def test_the_frozen_data_has_its_26_charts(plan):
    # per edition: the map, two comparisons and their two small maps, then a locator and two
    # comparisons per covered region (5) and a locator per other unit (6)
    assert len(plan.all()) == 1 + 2 + 2 + 5 * 3 + 6


def test_every_chart_is_a_valid_vega_lite_spec(dataset):
    charts = chart_plan.plan_site(dataset, aggregate.figures_frame(dataset)).all()
    assert charts
    for chart in charts:
        spec = chart.vega_lite(validate=True)  # Altair checks it against the Vega-Lite schema
        assert json.loads(json.dumps(spec, ensure_ascii=False)) == spec, chart.id


@pytest.fixture(scope="module")
def two_year_plan(tmp_path_factory):
    """The frozen 2024 data with the synthetic 2025 (tests/fixtures/edition_2025): the only
    data with charts of change over the years."""
    data = tmp_path_factory.mktemp("two-years") / "data"
    shutil.copytree(FROZEN, data)
    shutil.copytree(ROOT / "tests" / "fixtures" / "edition_2025" / "data", data, dirs_exist_ok=True)
    ds = load_dataset(data)
    return chart_plan.plan_site(ds, aggregate.figures_frame(ds))


def test_every_chart_of_two_editions_is_valid(two_year_plan):
    charts = two_year_plan.all()
    assert {c.kind for c in charts} == {"comparison", "tiles", "change"}
    for chart in charts:
        spec = chart.vega_lite(validate=True)
        assert json.loads(json.dumps(spec, ensure_ascii=False)) == spec, chart.id


@pytest.mark.parametrize(("kind", "marks"), [("comparison", 11), ("tiles", 11), ("change", 2)])
def test_each_kind_draws_its_title_and_labelled_marks(two_year_plan, kind, marks):
    chart = next(c for c in two_year_plan.all() if c.kind == kind)
    svg = vlc.vegalite_to_svg(chart.vega_lite())
    assert chart.title.split("：")[0] in svg
    # every unit's (or year's) mark carries its label, which the page shows on hover or tap
    assert svg.count('role="graphics-symbol"') >= marks
    for label in chart.table["region_name" if kind != "change" else "label"]:
        assert label in svg


def test_a_one_figure_edit_redraws_only_the_charts_that_show_it(plan, tmp_path):
    before = render_charts.cache_keys(plan.all())
    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    source = data / "2024" / "sources" / "sanming_cppcc_review_2024.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("组织对口协商9场", "组织对口协商12场"),
        encoding="utf-8",
    )
    region = data / "2024" / "sanyuan.yaml"
    region.write_text(
        region.read_text(encoding="utf-8")
        .replace("value: 9\n", "value: 12\n", 1)
        .replace("组织对口协商9场", "组织对口协商12场"),
        encoding="utf-8",
    )
    edited = load_dataset(data)
    after = render_charts.cache_keys(
        chart_plan.plan_site(edited, aggregate.figures_frame(edited)).all()
    )
    redrawn = {cid for cid in before if before[cid] != after[cid]}
    # the overview's comparison and its small map, and each covered region's position on
    # 对口协商 (all 11 units, 三元区's bar among them); no locator, no other metric
    assert redrawn == {
        "2024-targeted_consultations",
        "2024-map-targeted_consultations",
        "2024-sanyuan-targeted_consultations",
        "2024-shaxian-targeted_consultations",
        "2024-yongan-targeted_consultations",
        "2024-mingxi-targeted_consultations",
        "2024-qingliu-targeted_consultations",
    }


def test_counts_made_differently_are_shown_side_by_side_not_ranked(plan):
    """微协商 has a caveat (counted differently from place to place): its title ranks no one,
    and its bars keep the regions' own order rather than an order by value."""
    chart = next(c for c in plan.all() if c.id == "2024-micro_consultations")
    assert chart.title == "微协商：11 个单位中 3 个有数字（各地计数方法可能不同，不排先后）"
    reported = chart.table[chart.table["status"] == "reported"]
    assert list(reported["region_name"]) == ["沙县区", "永安市", "清流县"]  # not 90, 32, 13
    sanyuan = chart.table.set_index("region_name").loc["三元区"]
    assert sanyuan["status"] == "not_reported"
    assert sanyuan["note"] == (
        "没有单独的微协商数字；原文写的是“组织开展各类微协商、微调研、微监督、微服务活动60多场次”"
        "，记作“微协商、微调研、微监督和微服务活动（合计）”，不画入比较"
    )


def test_the_overviews_small_maps_line_up_side_by_side(plan):
    """微协商's small map carries a short caveat in its subtitle and 对口协商's does not: side by
    side on the overview, their tiles still start at the same height (the shorter title's
    map reserving the difference above it, where the page shows them side by side), and
    every line of their titles and notes is drawn."""
    import re

    maps = [c for c in plan.editions[2024]["index"] if c.id.startswith("2024-map-")]
    assert [c.id for c in maps] == [
        "2024-map-targeted_consultations",
        "2024-map-micro_consultations",
    ]
    origins = []
    for chart in maps:
        spec = chart.vega_lite()
        svg = vlc.vegalite_to_svg(spec)
        # the drawing's own origin: the first group, placed below the title block
        origins.append(re.search(r'<g [^>]*transform="translate\(([\d.]+),([\d.]+)\)"', svg)[2])
        lines = [t for t in spec["title"]["text"] + spec["title"]["subtitle"] if t.strip()]
        assert all(f">{line}<" in svg for line in lines), chart.id
    # with the room reserved above it, each drawing starts at the same height
    starts = [float(o) + c.room_top for o, c in zip(origins, maps, strict=True)]
    assert starts[0] == starts[1] > 100  # below a three-line title and a four-line subtitle
    assert [c.room_top > 0 for c in maps] == [True, False]  # the taller title reserves none
    # the caveat in short on the map, in full in its text alternative (and CSV)
    micro = maps[1]
    subtitle = micro.vega_lite()["title"]["subtitle"]
    assert subtitle[2:5] == [
        "≥：原文写“多/余/以上”等，不少于该数",  # the tiles say ≥90 场次
        "各地计数方法可能不同，不排先后",
        "（详见本图的文字说明）",  # the full caveat is in its text alternative, embedded too
    ]
    caveat = "各地口径不一：永安按场次计，写在“4+1”机制一段；清流写在委员工作站机制一段；沙县与其他协商并列"
    assert caveat in micro.description
    assert "三元区没有单独的微协商数字" in micro.description


def test_a_unit_that_reported_only_a_combined_count_reads_the_same_everywhere(plan):
    """三元区 gave only a count 微协商 is part of: the bars, the small map, both text
    alternatives and both titles say 未单独报告, never 未报告; the map says figures in words."""
    [bars] = [c for c in plan.all() if c.id == "2024-micro_consultations"]
    [small] = [c for c in plan.all() if c.id == "2024-map-micro_consultations"]
    assert bars.description.startswith(
        "微协商（场/场次），11 个县级单位中 3 个有数字，1 个未报告，1 个未单独报告，6 个暂无数据。"
    )
    assert "未报告：明溪县。未单独报告：三元区。" in bars.description
    assert (
        small.inputs["title"]
        == "微协商：11 个县级单位中 3 个有数字，1 个未报告，1 个未单独报告，6 个暂无数据"
    )
    assert small.description.startswith(
        "未单独报告：三元区；13 场：沙县区；至少 90 场次：永安市；未报告：明溪县；32 场：清流县；"
    )
    every = max(small.vega_lite()["datasets"].values(), key=len)  # all 11 tiles
    tile = {r["region_name"]: r for r in every}
    assert (tile["三元区"]["label"], tile["永安市"]["label"]) == ("未单独报告", "≥90 场次")
    assert tile["永安市"]["description"] == "永安市：至少 90 场次"  # each tile's aria-label


def _figure(page: str, chart_id: str) -> str:
    start = page.index(f'id="chart-{chart_id}"')
    return page[start : page.index("</figure>", start)]


def test_a_region_without_the_figure_is_still_marked_as_the_pages_own(built_site):
    """On 明溪县's page, 明溪县 has no 微协商 figure: no bar to colour, so its row (the name and
    未报告) is in bold; 三元区, which gave only a combined count, reads 未单独报告, not 未报告."""
    page = (built_site / "2024" / "mingxi" / "index.html").read_text(encoding="utf-8")
    chart = _figure(page, "2024-mingxi-micro_consultations")
    bold = re.findall(r'<text[^>]*font-weight="bold"[^>]*>([^<]*)</text>', chart)
    assert bold == ["明溪县", "未报告"]
    [sanyuan] = re.findall(r'aria-label="三元区：([^"]*)"[^>]*>([^<]*)</text>', chart)
    assert sanyuan[0].startswith("未单独报告。没有单独的微协商数字") and sanyuan[1] == "未单独报告"


@pytest.mark.parametrize(
    ("chart_id", "said"),
    [
        ("2024-micro_consultations", "1 个未报告、1 个未单独报告、6 个暂无数据，都不画成 0"),
        (
            "2024-mingxi-micro_consultations",
            "1 个未报告（明溪县）、1 个未单独报告、6 个暂无数据，都不画成 0",
        ),
        (
            "2024-sanyuan-micro_consultations",
            "1 个未报告、1 个未单独报告（三元区）、6 个暂无数据，都不画成 0",
        ),
        ("2024-mingxi-targeted_consultations", "3 个未报告（含明溪县）、6 个暂无数据，都不画成 0"),
    ],
    ids=lambda value: value if value.startswith("2024") else "",
)
def test_the_subtitle_counts_the_units_without_a_bar_by_the_word_each_shows(plan, chart_id, said):
    """The counts under the title use the words the rows show: 三元区's row reads 未单独报告,
    so it is not counted among the 未报告; the page's own unit is named where it is."""
    [chart] = [c for c in plan.all() if c.id == chart_id]
    assert chart.inputs["subtitle"][0] == said


def test_the_dark_scheme_keeps_the_highlighted_bar_the_brightest(built_site):
    """The slate scheme recolours the bars the SVG draws in the accent and the muted grey:
    the rules must name the very colours the charts use, or they silently stop applying."""
    css = (ROOT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    page = (built_site / "2024" / "sanyuan" / "index.html").read_text(encoding="utf-8")
    chart = _figure(page, "2024-sanyuan-targeted_consultations")
    bars = re.findall(r'aria-roledescription="bar" d="[^"]*" fill="([^"]*)"', chart)
    assert bars == [specs.ACCENT, charts.MUTED]  # 三元区 (the page's own), then 沙县区
    for colour in bars:
        assert (
            f'[data-md-color-scheme="slate"] .chart-svg svg path[aria-roledescription="bar"]'
            f'[fill="{colour}"]' in css
        )


def test_the_chart_cache_forgets_drawings_no_build_used_for_a_month(plan, tmp_path):
    """A drawing a build uses is kept (its time renewed); one unused for 30 days is deleted,
    so the cache does not grow with every edit."""
    cache = tmp_path / "charts"
    [chart] = [c for c in plan.all() if c.id == "2024-targeted_consultations"]
    render_charts.render_all([chart], cache)
    [drawn] = cache.iterdir()
    stale = cache / "0123456789abcdef01234567.svg"  # a drawing of a chart since edited
    stale.write_text("<svg/>", encoding="utf-8")
    month_ago = time.time() - 31 * 86400
    for path in (drawn, stale):
        os.utime(path, (month_ago, month_ago))
    render_charts.render_all([chart], cache)  # reads `drawn` from the cache
    assert sorted(cache.iterdir()) == [drawn]
    assert drawn.stat().st_mtime > month_ago + 86400


def test_only_bars_are_said_to_end_at_the_known_number(two_year_plan):
    """A ≥ bar ends at the number the source gives; the change chart draws points, and its
    ≥ note says nothing about bars."""
    notes = {
        c.id: [line for line in c.inputs["subtitle"] if line.startswith("≥")]
        for c in two_year_plan.all()
        if "subtitle" in c.inputs
    }
    changes = [n for cid, n in notes.items() if cid.startswith("change-") and n]
    bars = [n for cid, n in notes.items() if cid.startswith("2025-") and "-map" not in cid and n]
    assert changes and bars
    assert all(n == ["≥：原文写“多/余/以上”等，不少于该数"] for n in changes)
    assert all(n == ["≥：原文写“多/余/以上”等，不少于该数；横条只画到这个数"] for n in bars)


def test_no_title_of_the_real_data_claims_an_order_its_figures_do_not_allow(dataset):
    """However data/ grows: each comparison speaks of all 11 units, a metric counted
    differently from place to place is never ranked, and a unit named 最多 is above every
    other figure under every reading of the qualifiers (its lowest reading above their
    highest: "至少 10" is not more than "10")."""
    from site_builder import compare

    frame = aggregate.figures_frame(dataset)
    titles = {c.id: c.title for c in chart_plan.plan_site(dataset, frame).all()}
    assert not any("相当" in t for t in titles.values())
    compared = 0
    for year in sorted(set(frame["year"])):
        for metric in (m for m in dataset.metrics if m.comparable):
            units = aggregate.metric_across_units(frame, dataset, year, metric)
            reported = units[units["status"] == "reported"]
            title = titles.get(f"{year}-{metric.id}")
            if title is None:  # a year where no unit has the metric gets no comparison
                assert reported.empty, f"{year}-{metric.id}"
                continue
            assert len(units) == 11 and f"11 个单位中 {len(reported)} 个有数字" in title, title
            if metric.caveat:
                assert "不排先后" in title and "最多" not in title, title
            elif "最多" in title:
                named = title.split("个中", 1)[1].split("最多", 1)[0]
                top = reported[reported["region_name"] == named].iloc[0]
                lowest = compare.bounds(top["value"], top["qualifier"]).low
                for other in reported[reported["region_name"] != named].itertuples():
                    assert lowest > compare.bounds(other.value, other.qualifier).high, title
            compared += 1
    assert compared >= 3  # 2024 alone compares 对口协商, 微协商 and 视察调研
    # a region's own chart names its unit's figure, never an order
    assert not any("最多" in t for cid, t in titles.items() if cid.count("-") >= 2)


def test_small_maps_make_room_only_for_the_map_beside_them(dataset):
    """Two to a row, the real overview's small maps start their tiles level within each row
    (title and subtitle lines plus the room reserved), the taller of a row reserves nothing,
    and a map alone in the last row reserves nothing either."""
    plan = chart_plan.plan_site(dataset, aggregate.figures_frame(dataset))
    rows = 0
    for year, pages in plan.editions.items():
        maps = [c for c in pages["index"] if c.id.startswith(f"{year}-map-")]
        for i in range(0, len(maps), chart_plan.MAPS_PER_ROW):
            row = maps[i : i + chart_plan.MAPS_PER_ROW]
            starts = set()
            for chart in row:
                title, subtitle = specs.title_lines(chart.inputs["title"], chart.inputs["subtitle"])
                lines = specs.TITLE_LINE * len(title) + specs.SUBTITLE_LINE * len(subtitle)
                starts.add(lines + chart.room_top)
            assert len(starts) == 1, [c.id for c in row]
            assert min(c.room_top for c in row) == 0
            rows += 1
    assert rows >= 2  # 2024: three maps, a pair and one alone
