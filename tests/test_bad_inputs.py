"""Every broken data tree in ``tests/bad_inputs/`` gives its clear Chinese message, exit
code 1 and no traceback, through both ``python -m site_builder`` and ``mkdocs build``,
and writes nothing."""

from __future__ import annotations

import pytest
from helpers import BAD_INPUTS, bad_input_cases, build_site, materialise_case, run_cli


def test_the_corpus_is_large_enough():
    assert len(bad_input_cases()) >= 25
    for case in bad_input_cases():
        assert (BAD_INPUTS / case / "case.yaml").is_file(), case


def assert_reported(output: str, meta: dict, case: str) -> None:
    assert "Traceback" not in output, output
    for expected in meta["expect"]:
        assert expected in output, f"{case}: expected {expected!r} in:\n{output}"
    assert "应为" in output


@pytest.mark.parametrize("case", bad_input_cases())
def test_cli_reports_bad_input(tmp_path, case):
    data, meta = materialise_case(case, tmp_path)
    out = tmp_path / "out"
    for args in (("check",), ("export", str(out))):
        result = run_cli("--data", str(data), *args, cwd=tmp_path)
        assert result.returncode == 1, result.stdout
        assert_reported(result.stderr, meta, case)
    assert not out.exists(), "a failed export must write nothing"


@pytest.mark.parametrize("case", bad_input_cases())
def test_mkdocs_build_reports_bad_input(tmp_path, case):
    data, meta = materialise_case(case, tmp_path)
    site = tmp_path / "site"
    result = build_site(site, data_dir=data)
    assert result.returncode == 1
    assert_reported(result.stderr, meta, case)
    assert "site/ 保持原样" in result.stderr
    assert not site.exists()
