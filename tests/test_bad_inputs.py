"""Every broken data tree in ``tests/bad_inputs/`` gives exactly its problems (file, line,
field, what is wrong, what is expected), nothing more: checked in-process for every case.
A handful of cases also go end to end, through ``python -m site_builder`` and
``mkdocs build``: exit code 1, the same lines, no traceback, nothing written."""

from __future__ import annotations

import pytest
from helpers import BAD_INPUTS, bad_input_cases, build_site, materialise_case, run_cli

from site_builder.errors import DataError
from site_builder.validate import load_dataset

# One of each kind of failure, end to end through the command line: a parse error, an
# encoding, a type, a rule, a verbatim clause, a spreadsheet row. Through `mkdocs build`
# (seconds each), the wiring is the same for every kind: three of them.
END_TO_END = [
    "yaml_syntax",
    "gbk_encoding",
    "unknown_field",
    "negative_value",
    "evidence_not_verbatim",
    "csv_merged_cells",
]
THROUGH_MKDOCS = ["yaml_syntax", "evidence_not_verbatim", "csv_merged_cells"]


def test_the_corpus_is_large_enough():
    assert len(bad_input_cases()) >= 40
    for case in bad_input_cases():
        assert (BAD_INPUTS / case / "case.yaml").is_file(), case


@pytest.mark.parametrize("case", bad_input_cases())
def test_check_reports_exactly_the_problems(tmp_path, monkeypatch, case):
    data, meta = materialise_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)  # as the editor stands: the project holding data/
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    assert [str(p) for p in caught.value.problems] == meta["problems"]


def expected_output(meta: dict) -> str:
    n = len(meta["problems"])
    return "\n".join(
        [*meta["problems"], f"数据检查未通过：共 {n} 个问题，请按上面的提示逐条修改。"]
    )


@pytest.mark.parametrize("case", END_TO_END)
def test_the_command_line_reports_and_writes_nothing(tmp_path, case):
    data, meta = materialise_case(case, tmp_path)
    out = tmp_path / "out"
    for args in (("check",), ("export", str(out))):
        result = run_cli("--data", str(data), *args, cwd=tmp_path)
        assert result.returncode == 1, result.stdout
        assert result.stderr.strip() == expected_output(meta)
    assert not out.exists(), "a failed export must write nothing"


@pytest.mark.parametrize("case", THROUGH_MKDOCS)
def test_mkdocs_build_reports_and_leaves_no_site(tmp_path, case):
    data, meta = materialise_case(case, tmp_path)
    site = tmp_path / "site"
    result = build_site(site, data_dir=data, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    start = lines.index(meta["problems"][0])
    assert "\n".join(lines[start : start + len(meta["problems"]) + 1]) == expected_output(meta)
    assert "网站没有构建，site/ 保持原样" in result.stderr  # named from where it was run
    assert not site.exists()
