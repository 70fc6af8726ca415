"""The real curated data: it loads, the 2024 article's figures match the article, and nothing
is lost on the way.

The curation tests read data/ but look only at what the 2024 article says (its regions, the
figures and clauses citing it): those facts stay when a year or a unit from its own source
is added. How the tables treat a unit without data is tested on the frozen 2024 data
(tests/fixtures/frozen_2024), where 宁化县 has none."""

from __future__ import annotations

import hashlib
import re

import pytest
from helpers import SOURCE_ARTICLE

from site_builder import aggregate

ARTICLE_ID = "sanming_cppcc_review_2024"
# The units the 2024 article reports on, in its order.
ARTICLE_REGIONS = ["sanyuan", "shaxian", "yongan", "mingxi", "qingliu"]

# Hand-checked against the article: (region, metric, value, unit as written, qualifier).
SAMPLE = [
    ("sanyuan", "targeted_consultations", 9, "场", "exact"),
    ("sanyuan", "inspections_and_research", 10, "场次", "at_least"),
    ("sanyuan", "research_reports", 26, "份", "exact"),
    ("sanyuan", "reports_endorsed_by_leaders", 16, "篇", "exact"),
    ("sanyuan", "micro_activities_combined", 60, "场次", "at_least"),
    ("sanyuan", "public_appeals_collected", 212, "条", "exact"),
    ("shaxian", "micro_consultations", 13, "场", "exact"),
    ("shaxian", "key_proposal_consultation_items", 3, "个", "exact"),
    ("shaxian", "study_trip_batches", 10, "批", "exact"),
    ("shaxian", "study_trip_participants", 86, "人次", "exact"),
    ("yongan", "micro_consultations", 90, "场次", "at_least"),
    ("yongan", "project_investment_advanced", 140, "亿元", "exact"),
    ("mingxi", "topic_suggestions_collected", 20, "条", "at_least"),
    ("qingliu", "talent_pool_size", 800, "人", "approx"),
    ("qingliu", "free_clinics", 4, "场", "exact"),
    ("qingliu", "free_clinic_patients", 500, "人次", "at_least"),
]

# Digits in the article that are names or dates, not figures of 2024's work.
NOT_FIGURES = [
    "2024年,我市",
    "成立75周年",
    "“4+1”",
    "(2024—2035年)",
    "“1363”",
    "“8+1”",
    "全省2024年第一批",
]


def article_reports(dataset):
    """The 2024 region files quoting the article."""
    return [r for r in dataset.reports if r.year == 2024 and r.source_id == ARTICLE_ID]


def cite_article(report, items):
    """The figures, highlights or honours of ``report`` that quote the article (an item
    may name another source of the same year)."""
    return [i for i in items if (i.source_id or report.source_id) == ARTICLE_ID]


def test_real_data_loads(dataset):
    assert list(dataset.sources[ARTICLE_ID].covers) == ARTICLE_REGIONS
    assert [r.region_id for r in article_reports(dataset)] == ARTICLE_REGIONS
    assert len(dataset.regions) == 11
    assert {r.id for r in dataset.regions} >= {
        "ninghua",
        "datian",
        "youxi",
        "jiangle",
        "taining",
        "jianning",
    }


@pytest.mark.parametrize(("region", "metric", "value", "unit", "qualifier"), SAMPLE)
def test_sample_figure(dataset, region, metric, value, unit, qualifier):
    figures = {f.metric_id: f for f in dataset.report(2024, region).figures}
    fig = figures[metric]
    assert (fig.value, fig.unit, fig.qualifier) == (value, unit, qualifier)


def test_combined_count_stays_combined(dataset):
    sanyuan = {f.metric_id: f for f in dataset.report(2024, "sanyuan").figures}
    assert "micro_consultations" not in sanyuan  # 三元区 reported only the combined count
    combined = sanyuan["micro_activities_combined"]
    assert "合计" in combined.note
    assert not dataset.metric_by_id["micro_activities_combined"].comparable


# SHA-256 of the article as the team was given it (../shared/sources/000_1c9ea9ad821ec5ae.txt).
ARTICLE_SHA256 = "f603dafaf35d77812b9e3e023c9300d68ab718ac7ec92a2487b880c7fceadaea"


def test_stored_source_is_the_article_as_published(article):
    """Provenance: the stored text is the article the team was given, byte for byte: its
    fingerprint everywhere (CI has no copy of the original beside the project), and the
    original itself where it is at hand."""
    assert hashlib.sha256(article.encode("utf-8")).hexdigest() == ARTICLE_SHA256
    if SOURCE_ARTICLE.exists():
        assert SOURCE_ARTICLE.read_text(encoding="utf-8") == article


def test_every_number_in_the_article_is_a_figure(dataset, article):
    """Each run of digits in the article is covered by a figure of that value, or is a name/date."""
    covered: dict[int, set[float]] = {}
    for report in (r for r in dataset.reports if r.year == 2024):
        for f in cite_article(report, report.figures):
            for m in re.finditer(re.escape(f.evidence), article):
                for i in range(m.start(), m.end()):
                    covered.setdefault(i, set()).add(float(f.value))
    excused = {
        i
        for s in NOT_FIGURES
        for m in re.finditer(re.escape(s), article)
        for i in range(m.start(), m.end())
    }
    uncovered = [
        (m.group(), article[max(0, m.start() - 10) : m.end() + 5])
        for m in re.finditer(r"\d+(?:\.\d+)?", article)
        if m.start() not in excused and float(m.group()) not in covered.get(m.start(), set())
    ]
    assert not uncovered


def test_figures_frame_is_tidy(dataset):
    df = aggregate.figures_frame(dataset)
    assert len(df) == sum(len(r.figures) for r in dataset.reports)
    assert not df.duplicated(["year", "region_id", "metric_id"]).any()


def test_metric_across_units_keeps_missing_distinct_from_zero(frozen_dataset):
    df = aggregate.figures_frame(frozen_dataset)
    micro = aggregate.metric_across_units(
        df, frozen_dataset, 2024, frozen_dataset.metric_by_id["micro_consultations"]
    ).set_index("region_id")
    assert len(micro) == 11
    assert micro.loc["yongan", ["status", "value", "qualifier"]].tolist() == [
        "reported",
        90,
        "at_least",
    ]
    assert micro.loc["sanyuan", "status"] == "not_reported"  # covered, only a combined count
    assert micro.loc["ninghua", "status"] == "no_data"  # no source covers it
    assert micro.loc[micro["status"] != "reported", "value"].isna().all()


def test_coverage_lists_all_units_and_counts_nothing_where_no_source_covers(frozen_dataset):
    df = aggregate.figures_frame(frozen_dataset)
    cov = aggregate.coverage(df, frozen_dataset).set_index("region_id")
    assert len(cov) == 11
    assert cov.loc["mingxi", ["years_covered", "figure_count"]].tolist() == ["2024", 1]
    ninghua = cov.loc["ninghua"]
    assert ninghua["years_covered"] == ""
    assert ninghua[["figure_count", "honour_count"]].isna().all()  # not 0: nothing to count yet


def test_honours_credit_the_body_the_source_credits(dataset):
    holders = {
        (r.region_id, h.holder)
        for r in article_reports(dataset)
        for h in cite_article(r, r.honours)
        if h.holder
    }
    assert holders == {
        ("qingliu", "清流县政务服务中心"),
        ("qingliu", "原文未写明作者"),  # the 《政协天地》 article names no author
        ("yongan", "原文未写明主体；同句写的是政协推动永安市总医院完成硬件设施建设"),
    }


def test_a_covered_unit_without_figures_still_gets_its_page(tmp_path):
    """A source may mention a unit only for an honour: its page has no numbers and no CSV."""
    import shutil

    from helpers import FROZEN, ROOT

    from site_builder.config import build_config
    from site_builder.figure_table import without_figures
    from site_builder.site import generate

    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    path = data / "2024" / "mingxi.yaml"
    text = without_figures(path.read_text(encoding="utf-8")) + "figures: []\n"
    text = text.replace("[topic_suggestions_collected]", "[]")  # key figures, highlight
    text = text.replace("，收集意见和建议至少 20 条", "")  # the highlight's number was the figure's
    path.write_text(text, encoding="utf-8")
    generated = generate(build_config(ROOT, data))
    page = generated.files["mingxi.md"].decode("utf-8")
    assert "共 0 个数字" in page and "下载明溪县" not in page


def test_the_benchmarks_synthetic_data_passes_check(tmp_path):
    """bench/build.py measures builds of synthetic data: it must stay valid data as the rules
    grow (a quote budget, changelog sources), or the benchmark measures a failed build."""
    import sys

    from helpers import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    from site_builder.validate import load_dataset

    ds = load_dataset(synthetic.make(tmp_path / "data", 12))
    assert len(ds.reports) == 12
