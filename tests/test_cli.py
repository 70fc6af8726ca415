"""The command line: `check` on the real data and on the frozen 2024 data, `export` of the
frozen data, and a file saved with a BOM. What the commands say is tested in-process
(``helpers.cli``, the same ``main``); ``run_cli`` runs `python -m site_builder` as the editor
does, here and in the bad-input and export tests, for the wiring and the exit codes."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest
import yaml
from helpers import BAD_INPUTS, DATA, FROZEN, ROOT, cli, materialise_case, run_cli

from site_builder.cells import FORMULA_TRIGGERS, cell
from site_builder.schema import TABLE_BY_NAME


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM"
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))


def test_check_says_what_it_checked():
    result = run_cli("--data", str(FROZEN), "check", fresh=True)  # a new interpreter
    assert result.returncode == 0, result.stderr
    assert result.stdout == "数据检查通过：1 个年份、5/11 个地区有数据、38 个数字、33 个指标。\n"


def test_check_reads_the_data_folder_the_build_reads(tmp_path):
    """Without --data, `check` reads what `mkdocs build` reads: SITE_DATA_DIR when it is set.
    Run from the project, it names that folder's files by their full path: named
    data/2024/…, they would be taken for the project's own."""
    data, meta = materialise_case("negative_value", tmp_path)
    result = cli("check", env={"SITE_DATA_DIR": str(data)})
    assert result.returncode == 1
    full = f"{tmp_path.resolve().as_posix()}/"
    assert result.stderr.splitlines()[:-1] == [full + line for line in meta["problems"]]


@pytest.mark.parametrize(
    "case", ["negative_value", "quotes_too_much", "covers_region_without_file"]
)
def test_check_names_files_as_seen_from_where_the_editor_runs_it(tmp_path, case):
    """Run from inside the data folder, `check` names a file from there, so it opens: where
    the problem is, and a file or folder a message mentions (a region file, the year folder)."""
    data, meta = materialise_case(case, tmp_path)
    result = cli("check", "--data", ".", cwd=data)
    assert result.returncode == 1
    said = result.stderr.splitlines()[:-1]
    assert said == [line.replace("data/2024/", "2024/") for line in meta["problems"]]
    assert all((data / line.split(":")[0]).is_file() for line in said)


def test_check_says_when_the_data_folder_is_not_there(tmp_path):
    result = cli("check", "--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "nowhere:1: 找不到数据目录。应为：存在的数据文件夹：默认是项目根目录下的 data/；"
        "用 --data 或环境变量 SITE_DATA_DIR 指定时，请检查路径。",
        "数据检查未通过：共 1 个问题，请按上面的提示逐条修改。",
    ]


def test_check_names_a_linked_data_folder_by_its_link(tmp_path):
    """A project whose data/ is a symbolic link to a folder elsewhere: `check`, run from the
    project, names the files data/…, as the editor opens them, not by the link's target."""
    elsewhere, meta = materialise_case("negative_value", tmp_path / "elsewhere")
    project = tmp_path / "project"
    project.mkdir()
    (project / "data").symlink_to(elsewhere, target_is_directory=True)
    result = cli("check", "--data", "data", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == meta["problems"]


def test_check_says_when_the_editors_schemas_lag_behind_the_data(tmp_path):
    """CI fails on a stale schema/ or a data file not naming its schema: `check` says so first."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FROZEN, tmp_path / "data")
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        ".vscode/settings.json:1: 与当前的数据不一致（增删了来源、地区、指标或类别之后没有重新生成）。"
        "应为：运行 .venv/bin/python -m site_builder schema，再提交 schema/ 和 .vscode/。",
        "schema/changelog.schema.json:1: 与当前的数据不一致（增删了来源、地区、指标或类别之后没有重新生成）。"
        "应为：运行 .venv/bin/python -m site_builder schema，再提交 schema/ 和 .vscode/。",
    ]
    first, again = cli("schema", cwd=tmp_path), cli("schema", cwd=tmp_path)
    assert first.returncode == again.returncode == 0
    assert "已更新：.vscode/settings.json" in first.stdout.splitlines()
    assert again.stdout.splitlines() == [  # the second run leaves every file alone, and says so
        line.replace("已更新：", "没有变化：") for line in first.stdout.splitlines()
    ]
    sanyuan = tmp_path / "data" / "2024" / "sanyuan.yaml"
    sanyuan.write_text(sanyuan.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    result = cli("check", cwd=tmp_path)
    assert result.stderr.splitlines()[0] == (
        "data/2024/sanyuan.yaml:1: 第一行没有写明这个文件的 JSON Schema（编辑器靠它在输入时标出错误）。"
        "应为：第一行是 # yaml-language-server: $schema=../../schema/region.schema.json。"
    )
    sanyuan.write_text(
        "# yaml-language-server: $schema=../../schema/region.schema.json\n"
        + sanyuan.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert cli("check", cwd=tmp_path).returncode == 0


def test_check_passes_on_real_data(dataset):
    """However data/ has grown: the years and the units with data counted from its files."""
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    years = [p for p in DATA.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)]
    with_data = {p.stem for year in years for p in year.glob("*.yaml")}
    regions = yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    metrics = yaml.safe_load((DATA / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]
    n = sum(len(r.figures) for r in dataset.reports)
    assert result.stdout.splitlines()[-1] == (  # after any note on how a file was read
        f"数据检查通过：{len(years)} 个年份、{len(with_data)}/{len(regions)} 个地区有数据、"
        f"{n} 个数字、{len(metrics)} 个指标。"
    )


def test_export_writes_every_table(exported):
    out = exported  # shared by the run: read, never written
    names = sorted(p.name for p in out.iterdir())
    assert {"figures.csv", "regions.csv", "metrics.csv", "honours.csv", "sources.csv"} <= set(names)
    edition = sorted(p.name for p in (out / "2024").iterdir())
    assert edition == [
        "figures.csv",
        "honours.csv",
        "mingxi.csv",
        "qingliu.csv",
        "sanyuan.csv",
        "shaxian.csv",
        "yongan.csv",
    ]  # no data, no file: nothing for 宁化县
    with (out / "figures.csv").open("rb") as fh:
        header = fh.readline().decode("utf-8-sig").strip()
    assert (
        header
        == "year,region_id,region_name,metric_id,metric_name,category,value,unit,qualifier,evidence,note,source_id"
    )
    rows = read_csv(out / "figures.csv")
    assert len(rows) == 38
    talent = next(r for r in rows if r["metric_id"] == "talent_pool_size")
    assert (talent["value"], talent["qualifier"], talent["unit"]) == ("800", "approx", "人")
    money = next(r for r in rows if r["metric_id"] == "project_investment_advanced")
    assert money["value"] == "140"
    per_region = sum(
        len(read_csv(out / "2024" / f"{r}.csv"))
        for r in ("sanyuan", "shaxian", "yongan", "mingxi", "qingliu")
    )
    assert per_region == len(rows)


def test_export_is_stable(exported):
    """The same data exported twice (here once by the command, once in-process): the same bytes."""
    from conftest import files_under

    from site_builder.export import download_files
    from site_builder.validate import load_dataset

    assert files_under(exported) == download_files(load_dataset(FROZEN))


def test_every_written_column_is_documented(exported):
    out = exported  # shared by the run: read, never written
    documented = {tuple(t.header) for t in TABLE_BY_NAME.values()}
    for path in out.rglob("*.csv"):
        with path.open(encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh))
        assert tuple(header) in documented, f"{path.name}: undocumented columns {header}"
    for name in ("figures", "regions", "metrics", "honours"):
        assert list(read_csv(out / f"{name}.csv")[0].keys()) == TABLE_BY_NAME[name].header
    assert all(c.description for t in TABLE_BY_NAME.values() for c in t.columns)


@pytest.mark.parametrize("text", ["=1+2", "+86 591", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(text):
    assert text.startswith(FORMULA_TRIGGERS)
    assert cell(text) == "'" + text


def test_numbers_stay_numbers():
    assert cell(-5) == "-5" and cell(9.0) == "9" and cell(2.5) == "2.5" and cell(True) == "true"


def test_bom_is_accepted(tmp_path):
    data, _ = materialise_case("unknown_region", tmp_path)  # any tree; rewrite one file with a BOM
    good = (BAD_INPUTS / "_base" / "data" / "2024" / "sanyuan.yaml").read_bytes()
    (data / "2024" / "sanyuan.yaml").write_bytes(b"\xef\xbb\xbf" + good)
    result = cli("--data", str(data), "check")
    assert result.returncode == 0, result.stderr


def test_export_to_a_path_it_cannot_write_says_why_in_chinese(tmp_path):
    """The system's reason is English ("Not a directory"); the editor reads Chinese."""
    blocker = tmp_path / "downloads"
    blocker.write_text("a file where the folder should go\n", encoding="utf-8")
    result = cli("--data", str(FROZEN), "export", str(blocker / "out"))
    assert result.returncode == 1
    assert result.stderr == (
        f"{blocker / 'out'}: 无法写入导出文件（路径中有一段是文件，不是文件夹）。应为：一个可写的目录。\n"
    )
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should go\n"


def test_data_may_follow_the_command_as_the_readme_writes_it():
    result = cli("check", "--data", str(FROZEN))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "数据检查通过：1 个年份、5/11 个地区有数据、38 个数字、33 个指标。\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["chek"],
            "没有命令“chek”（是不是想写 check？），可用的命令：check、export、schema、figures-to-csv",
        ),
        (["figures-to-csv", "abc"], "年份 应为整数，如 2024，不是“abc”"),
        (["export"], "缺少 输出目录"),
        (["check", "--strict"], "不认识的参数 --strict"),
    ],
)
def test_a_mistyped_command_is_answered_in_chinese(args, said):
    result = cli("--data", str(FROZEN), *args)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"命令有误：{said}。"
    assert result.stderr.startswith("用法：python -m site_builder ")
    assert "usage" not in result.stderr and "Traceback" not in result.stderr


def test_figures_to_csv_of_a_year_without_data_names_the_years_there_are(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    result = cli("--data", str(data), "figures-to-csv", "2030")
    assert result.returncode == 1
    assert result.stderr == (
        f"{data / '2030'}: 没有转换：2030 年没有地区文件。应为：data/ 下已有的年份：2024。\n"
    )
    assert not (data / "2030").exists()


def test_help_is_in_chinese_and_lists_each_command_once():
    result = cli("--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("用法：python -m site_builder")
    commands = lines[lines.index("命令:") + 1 :]
    assert commands[0].split()[0] == "check"  # not the group's name again
    assert [line.split()[0] for line in commands if re.match(r" {4}\S", line)] == [
        "check",
        "export",
        "schema",
        "figures-to-csv",
    ]
    assert "usage" not in result.stdout and "options" not in result.stdout
