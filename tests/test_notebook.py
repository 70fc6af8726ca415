"""The journalists' notebook opens anywhere, runs offline and keeps the site's honesty rules.

``notebooks/explore_figures.ipynb`` (what plain Jupyter opens) and ``explore_figures.py``
(what reviewers read) are paired by jupytext and stored without outputs. The test executes
the ``.ipynb`` as a reader would and checks what the reader sees, on the frozen 2024 data
(tests/fixtures/frozen_2024), so the texts hold however data/ grows. Expected texts are
written out here, not computed with the code under test.
"""

from __future__ import annotations

import json

import jupytext
import nbformat
import pytest
from helpers import FROZEN, ROOT
from nbclient import NotebookClient

NOTEBOOKS = ROOT / "notebooks"
IPYNB = NOTEBOOKS / "explore_figures.ipynb"
SCRIPT = NOTEBOOKS / "explore_figures.py"

ALL_UNITS = (
    "三元区",
    "沙县区",
    "永安市",
    "明溪县",
    "清流县",
    "宁化县",
    "大田县",
    "尤溪县",
    "将乐县",
    "泰宁县",
    "建宁县",
)


def _outputs(nb):
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]


def _texts(out) -> str:
    """Everything a reader can read in one output: printed text, tables and charts."""
    data = out.get("data", {})
    return "\n".join(
        [
            out.get("text", ""),
            str(data.get("text/plain", "")),
            str(data.get("text/html", "")),
            str(data.get("image/svg+xml", "")),
        ]
    )


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook run from the notebooks/ folder of a project whose data/ is the frozen
    data and whose site_builder/ is this project's (the notebook reads ../data)."""
    project = tmp_path_factory.mktemp("notebook-project")
    (project / "notebooks").mkdir()
    (project / "data").symlink_to(FROZEN, target_is_directory=True)
    (project / "site_builder").symlink_to(ROOT / "site_builder", target_is_directory=True)
    nb = nbformat.read(IPYNB, as_version=4)
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(project / "notebooks")}},
    ).execute()
    return nb


@pytest.fixture(scope="module")
def text(executed) -> str:
    return "\n".join(_texts(out) for out in _outputs(executed))


def _cell_text(executed, marker: str) -> str:
    """The outputs of the one code cell whose printed text contains ``marker``."""
    cells = [
        "\n".join(_texts(out) for out in cell.get("outputs", []))
        for cell in executed.cells
        if cell.cell_type == "code"
        and any(marker in out.get("text", "") for out in cell.get("outputs", []))
    ]
    assert len(cells) == 1, f"expected one cell printing {marker!r}, found {len(cells)}"
    return cells[0]


def test_committed_notebook_is_stripped_and_paired():
    raw = json.loads(IPYNB.read_text(encoding="utf-8"))
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert raw["metadata"]["jupytext"]["formats"] == "ipynb,py:percent"
    assert raw["metadata"]["kernelspec"]["name"] == "python3"
    script = SCRIPT.read_text(encoding="utf-8")
    assert "#     formats: ipynb,py:percent" in script
    assert all(not c.get("outputs") for c in jupytext.read(SCRIPT).cells)


def test_script_and_notebook_are_in_sync():
    """Edit either file in Jupyter with jupytext, or run `jupytext --sync`: never one alone."""

    def cells(path):
        return [(c.cell_type, c.source) for c in jupytext.read(path).cells]

    assert cells(SCRIPT) == cells(IPYNB), "run: jupytext --sync notebooks/explore_figures.py"


def test_figures_are_said_with_their_qualifier(text):
    assert "近 800 人" in text  # 近800人: the source's 近, not 约
    assert "约 800 人" not in text
    assert "至少 90 场次" in text  # 90多场次
    assert "至少 500 人次" in text  # 500余人次
    assert "2024 年的数字：38 个" in text  # filtered to one edition, and says so


def test_comparison_shows_all_11_units(executed):
    micro = _cell_text(executed, "2024 年微协商：")
    # the site's words: 三元区 reported only a count 微协商 is part of (未单独报告, not 未报告)
    assert (
        "2024 年微协商：11 个县级单位中 3 个有数字，1 个未报告，1 个未单独报告，6 个暂无数据。"
        in micro
    )
    assert "\n未报告：明溪县\n未单独报告：三元区\n" in micro
    assert "暂无数据：宁化县、大田县、尤溪县、将乐县、泰宁县、建宁县" in micro
    assert (
        "三元区：没有单独的微协商数字；原文写的是“组织开展各类微协商、微调研、微监督、微服务活动60多场次”"
        in micro
    )
    assert "比较时须知：各地口径不一" in micro  # the (frozen data's) metric caveat, under the chart
    assert "来源：《攻坚克难求突破,砥砺奋进勇争先》（作者：陈渴；发布者：未知" in micro
    svg = next(
        out["data"]["image/svg+xml"]
        for cell in executed.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if "微协商" in str(out.get("data", {}).get("image/svg+xml", ""))
    )
    assert all(f">{name}<" in svg for name in ALL_UNITS)
    assert svg.count(">未报告<") == 1 and svg.count(">未单独报告<") == 1  # words, not 0-bars
    assert svg.count(">暂无数据<") == 6
    assert svg.count('aria-roledescription="bar"') == 3
    assert ">≥90 场次<" in svg


def test_no_ranking_the_data_does_not_allow(executed, text):
    assert "永安市最多" not in text
    assert "11 个" in text
    printed = "\n".join(out.get("text", "") for out in _outputs(executed))
    assert "最多" not in printed
    # 微协商 is counted differently from place to place (its caveat): shown, never ranked
    assert (
        "2024 年微协商：11 个县级单位中 3 个有数字，1 个未报告，1 个未单独报告，6 个暂无数据。"
        "各地计数方法可能不同，不排先后。" in printed
    )
    # an order that holds under every reading is stated: 9 > 4
    assert "三元区（9 场）多于另外 1 个有数字的单位" in printed
    # no chart compares regions on bookkeeping (figures per category, share of qualifiers)
    assert "占比" not in text and "数字个数" not in text


def test_charts_are_local_svg(executed):
    outputs = _outputs(executed)
    charts = [
        out["data"]["image/svg+xml"] for out in outputs if "image/svg+xml" in out.get("data", {})
    ]
    assert len(charts) == 2
    assert all("11 个县级单位中" in svg for svg in charts)  # every chart is an all-11 comparison
    for out in outputs:
        data = out.get("data", {})
        assert not any(kind.startswith("application/vnd.vega") for kind in data)
        blob = _texts(out)
        assert "<script" not in blob and "cdn" not in blob.lower()
