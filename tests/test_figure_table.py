"""Figures from a spreadsheet: data/<year>/figures.csv, as Excel or WPS save it, checked as
strictly as the YAML, and a site built from it identical to the YAML build. Run on the frozen
2024 data (tests/fixtures/frozen_2024), what the shared site is built from; and the real
data/, converted, gives the same pages and downloads as it does in YAML."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from bs4 import BeautifulSoup
from helpers import FROZEN, build_site, cli, materialise_case, run_cli

from site_builder import figure_table
from site_builder.validate import load_dataset


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The frozen 2024 data with its figures moved into figures.csv by the editor's command."""
    work = tmp_path_factory.mktemp("table")
    shutil.copytree(FROZEN, work / "data")
    result = run_cli("--data", str(work / "data"), "figures-to-csv", "2024")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("已把 38 个数字移到")
    return work / "data"


def test_the_conversion_moves_every_figure_and_keeps_the_rest(converted):
    table = (converted / "2024" / "figures.csv").read_bytes()
    assert table.startswith(b"\xef\xbb\xbf") and table.count(b"\r\n") == 39  # header + 38
    sanyuan = (converted / "2024" / "sanyuan.yaml").read_text(encoding="utf-8")
    assert "\nfigures:" not in sanyuan  # highlights keep their own figures: lists
    assert "# 亮点：我们自己的话" in sanyuan and "key_figures:" in sanyuan


def test_check_says_how_it_read_the_table(converted):
    """A table saved with a BOM is said too: one line per table, then the summary line."""
    result = cli("--data", str(converted), "check", cwd=converted.parent)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "data/2024/figures.csv：按 UTF-8（带 BOM）编码读取。"
    assert len(lines) == 2 and lines[1].startswith("数据检查通过：")


def test_the_site_built_from_the_table_is_identical(converted, built_site, tmp_path):
    site = tmp_path / "site"
    result = build_site(site, data_dir=converted)
    assert result.returncode == 0, result.stderr

    def downloads(root):
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in (root / "downloads").rglob("*")
            if p.is_file() and p.name != "index.html"
        }

    assert downloads(site) == downloads(built_site)
    for page in sorted(built_site.rglob("index.html")):
        rel = page.relative_to(built_site)
        if page.read_bytes() == (site / rel).read_bytes():
            continue  # the same page, figures and all
        a = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        b = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
        assert str(a.select("table.figures-table")) == str(b.select("table.figures-table")), rel
        assert str(a.select(".kf-grid")) == str(b.select(".kf-grid")), rel


def test_whatever_excel_or_wps_writes_is_read(converted, tmp_path):
    """GBK without BOM, CRLF, quoted numbers, empty trailing rows and columns."""
    data = tmp_path / "data"
    shutil.copytree(converted, data)
    path = data / "2024" / "figures.csv"
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    header, rows = lines[0], [line for line in lines[1:] if line]
    rows = [line.replace(",9,", ',"9",', 1) + ",," for line in rows]  # numbers as text, empty cols
    text = "\r\n".join([header + ",,", *rows, ",,,,,,,,,", ",,,,,,,,,", ""])
    path.write_bytes(text.encode("gb18030"))
    result = cli("--data", str(data), "check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "data/2024/figures.csv：按 GBK/GB18030 编码读取。"
    ds = load_dataset(data)
    assert {(f.metric_id, f.value) for r in ds.reports for f in r.figures} >= {
        ("targeted_consultations", 9),
        ("talent_pool_size", 800),
    }


@pytest.mark.parametrize("line_end", ["\n", "\r"], ids=["LF", "CR (Excel for Mac)"])
def test_any_line_end_is_read(converted, frozen_dataset, tmp_path, line_end):
    """Unix line ends, and the CR alone of Excel for Mac's "CSV (Macintosh)": the same
    figures as the YAML they came from."""
    data = tmp_path / "data"
    shutil.copytree(converted, data)
    path = data / "2024" / "figures.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", line_end.encode()))
    ds = load_dataset(data)
    figures = {
        (f.region_id, f.metric_id, f.value, f.qualifier, f.evidence)
        for r in ds.reports
        for f in r.figures
    }
    expected = {
        (f.region_id, f.metric_id, f.value, f.qualifier, f.evidence)
        for r in frozen_dataset.reports
        for f in r.figures
    }
    assert len(figures) == 38 and figures == expected


def test_a_bad_row_gets_its_spreadsheet_row_number(converted, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(converted, data)
    path = data / "2024" / "figures.csv"
    text = path.read_bytes().decode("utf-8-sig")
    text = text.replace("视察调研10多场次", "视察调研10多场次，", 1)  # a pasted full-width comma
    text = text.replace("talent_pool_size,800,人,approx", "talent_pool_size,800,人,exact", 1)
    path.write_bytes(text.encode("utf-8-sig"))
    result = cli("--data", str(data), "check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/2024/figures.csv:5: 列 evidence：“视察调研10多场次，”不在来源 "
        "data/2024/sources/sanming_cppcc_review_2024.txt 中：第 10 个字符是“，”（全角），"
        "原文此处是“,”；原文最接近的一段是“视察调研10多场次,”。"
        "应为：从来源原文一字不改地复制（标点的全角、半角也要一致）。",
        "data/2024/figures.csv:34: 列 qualifier：原文写作“近800”，qualifier 却是 exact。"
        "应为：approx（原文写作“近”“约”“左右”“来”等（如“近800人”“20来人”），为约数）。",
        "数据检查未通过：共 2 个问题，请按上面的提示逐条修改。",
    ]


@pytest.mark.parametrize(
    ("codec", "said"),
    [
        ("utf-8", "按 UTF-8 编码"),
        ("utf-8-sig", "按 UTF-8（带 BOM）编码"),
        ("gb18030", "按 GBK/GB18030 编码"),
    ],
)
def test_the_encoding_is_said_with_the_problems(tmp_path, codec, said):
    """Problems are when a wrong encoding would show (mojibake): the encoding is said on
    stdout as when the check passes, the problems on stderr, exit 1."""
    data, meta = materialise_case("csv_formula", tmp_path)
    path = data / "2024" / "figures.csv"
    path.write_bytes(path.read_bytes().decode("utf-8").encode(codec))
    result = cli("--data", str(data), "check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == f"data/2024/figures.csv：{said}读取。\n"
    assert result.stderr.splitlines() == [
        *meta["problems"],
        "数据检查未通过：共 1 个问题，请按上面的提示逐条修改。",
    ]


@pytest.mark.parametrize("header", ["year", "年份"])
def test_the_year_column_of_the_download_is_checked(header):
    """Rows pasted from the download keep its year column: a row of another year is
    refused (and checked no further), the folder's year is read and dropped."""
    table = (
        f"{header},地区 id,地区,指标 id,数值,单位,限定,原文摘句\r\n"
        "2024,sanyuan,三元区,targeted_consultations,9,场,exact,组织对口协商9场\r\n"
        "2023,sanyuan,三元区,inspections_and_research,10,场次,at_least,视察调研10多场次\r\n"
        "2024年,sanyuan,三元区,inspections_and_research,10,场次,at_least,视察调研10多场次\r\n"
    )
    rows, encoding, problems = figure_table.read(table.encode("gb18030"), "f.csv", 2024)
    assert encoding == "GBK/GB18030"
    assert [str(p) for p in problems] == [
        "f.csv:3: 列 year：这一行的年份是 2023，而本表在 data/2024/ 中，只放 2024 年的数字。"
        "应为：2024；2023 年的数字放在 data/2023/ 下（年份列也可以整列删去）。",
        "f.csv:4: 列 year：“2024年”不是年份。应为：2024（年份列也可以整列删去）。",
    ]
    assert [sorted(r.refused) for r in rows] == [[], ["year"], ["year"]]
    assert all("year" not in r for r in rows) and rows[0]["value"] == 9


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("1,200", "“1,200”带了千位分隔符（逗号）"),
        ("-1,200", "“-1,200”带了千位分隔符（逗号）"),
        ("1.2E+03", "“1.2E+03”是科学记数"),
        ("1.23457e5", "“1.23457e5”是科学记数"),
    ],
)
def test_numbers_as_excel_formats_them_are_refused_with_the_fix(cell, said):
    table = f'region,metric,value,unit,qualifier,evidence\r\nsanyuan,m,"{cell}",场,exact,x\r\n'
    rows, _, problems = figure_table.read(table.encode("utf-8"), "f.csv", 2024)
    assert len(problems) == 1 and problems[0].field == "value" and problems[0].line == 2
    assert problems[0].what.startswith(said)
    assert rows[0].refused == {"value"}


def test_a_note_that_looks_like_a_formula_converts_and_reads_back(tmp_path):
    """figures-to-csv marks such a cell as text ('=…, as the downloads do); the reader takes
    the mark off, so the figure is the same both ways and no formula is ever refused."""
    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    path = data / "2024" / "sanyuan.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    evidence: 组织对口协商9场\n" in text
    path.write_text(
        text.replace(
            "    evidence: 组织对口协商9场\n",
            "    evidence: 组织对口协商9场\n    note: =原文如此\n",
            1,
        ),
        encoding="utf-8",
    )
    result = cli("--data", str(data), "figures-to-csv", "2024")
    assert result.returncode == 0, result.stderr
    table = (data / "2024" / "figures.csv").read_text(encoding="utf-8-sig")
    assert ",'=原文如此," in table
    [figure] = [
        f
        for r in load_dataset(data).reports
        if r.region_id == "sanyuan"
        for f in r.figures
        if f.metric_id == "targeted_consultations"
    ]
    assert figure.note == "=原文如此"


def test_a_row_in_another_encoding_is_named_as_the_spreadsheet_numbers_it():
    """A quoted note with a line break is one row: the UTF-8 row pasted below it is row 3."""
    header = "region,metric,value,unit,qualifier,evidence,note\r\n"
    row2 = 'sanyuan,targeted_consultations,9,场,exact,组织对口协商9场,"第一行\r\n第二行"\r\n'
    row3 = "sanyuan,inspections_and_research,10,场次,at_least,视察调研10多场次,\r\n"
    raw = (header + row2).encode("gbk") + row3.encode("utf-8")
    rows, encoding, problems = figure_table.read(raw, "data/2024/figures.csv", 2024)
    assert (rows, encoding) == ([], "")
    assert [str(p) for p in problems] == [
        "data/2024/figures.csv:3: 第 3 行是 UTF-8 编码，其余各行是 GBK（多半是从另一个文件粘贴来的）。"
        "应为：整张表用同一种编码：在 Excel/WPS 中重新输入这几行，再另存为“CSV UTF-8（逗号分隔）”。"
    ]


@pytest.mark.parametrize(
    "note",
    [
        '"见原文第二段\r\n（甲,乙,丙,丁,戊,己）, 共 6 项"',  # Alt+Enter, then a line of commas
        '屏幕 55" 大小',  # a quote inside a cell is text: the file has an odd number of them
        '"见第 3 页\r\nsee, p, 12"',  # a second line whose 2nd and 3rd cells look like id, number
    ],
    ids=["alt-enter-then-commas", "quote-inside-a-cell", "second-line-like-a-row"],
)
def test_a_note_with_commas_on_its_second_line_or_a_quote_inside_is_read(note):
    """Neither is a stray quote swallowing rows: both rows are read, nothing is refused."""
    table = (
        "region,metric,value,unit,qualifier,evidence,note\r\n"
        f"sanyuan,targeted_consultations,9,场,exact,组织对口协商9场,{note}\r\n"
        "sanyuan,inspections_and_research,10,场次,at_least,视察调研10多场次,\r\n"
    )
    metric_ids = {"targeted_consultations", "inspections_and_research"}
    rows, _, problems = figure_table.read(table.encode("utf-8"), "f.csv", 2024, metric_ids)
    assert problems == []
    assert [r["metric"] for r in rows] == ["targeted_consultations", "inspections_and_research"]
    assert rows[0]["note"] == note.strip('"')


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ('a,"b""c",d\n', False),  # "" within a quoted cell
        ('a, "b,c\n', False),  # a quote after a space does not open a quoted cell
        ('a,"b\r\nc', True),  # CRLF inside the quoted cell, then the end of the file
        ('a,,"\n', True),  # an empty cell before it
        ('a,""\n', False),  # an empty quoted cell
        ('a,"""\n', True),  # opened, then a quote within it
        ('55",x\n', False),
        ('"a"\n"b', True),
    ],
)
def test_the_end_of_the_file_inside_quotes_is_found_as_the_csv_module_reads_quotes(text, inside):
    """The scanner agrees with Python's csv module, which in strict mode fails at the end of
    a file inside a quoted cell (and reads every one of these without another error)."""
    try:
        list(csv.reader(io.StringIO(text, newline=""), strict=True))
        csv_says = False
    except csv.Error as error:
        csv_says = "unexpected end of data" in str(error)
    assert figure_table._ends_inside_quotes(text) == csv_says == inside


def test_a_row_in_another_encoding_after_a_quote_inside_a_cell_is_named_rightly():
    """55" (a quote that is text) does not make the next lines count as one row."""
    header = "region,metric,value,unit,qualifier,evidence,note\r\n"
    row2 = 'sanyuan,targeted_consultations,9,场,exact,组织对口协商9场,屏幕 55" 大小\r\n'
    row3 = "sanyuan,inspections_and_research,10,场次,at_least,视察调研10多场次,\r\n"
    raw = (header + row2 + row3).encode("utf-8") + row3.replace("10多", "十多").encode("gbk")
    _, _, problems = figure_table.read(raw, "f.csv", 2024)
    assert [p.line for p in problems] == [4]


def test_the_real_data_converted_to_tables_gives_the_same_site(tmp_path, monkeypatch):
    """However data/ has grown: every year whose figures are in YAML, converted by the
    editor's command, gives the same downloads and the same pages (every generated file)."""
    from helpers import DATA, ROOT

    from site_builder.config import build_config
    from site_builder.site import generate

    monkeypatch.delenv("SITE_DATA_DIR", raising=False)  # each build reads the folder given
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    years = sorted(
        p.name
        for p in data.glob("[0-9][0-9][0-9][0-9]")
        if not (p / figure_table.NAME).exists()
        and any("\nfigures:" in y.read_text(encoding="utf-8") for y in p.glob("*.yaml"))
    )
    if not years:
        pytest.skip("every year's figures are already in figures.csv: nothing to convert")
    for year in years:
        result = cli("--data", str(data), "figures-to-csv", year)
        assert result.returncode == 0, result.stderr
        assert (data / year / figure_table.NAME).exists()
    from_yaml, from_tables = generate(build_config(ROOT, DATA)), generate(build_config(ROOT, data))
    assert from_tables.files.keys() == from_yaml.files.keys()
    differ = [p for p, b in from_yaml.files.items() if from_tables.files[p] != b]
    assert differ == []
