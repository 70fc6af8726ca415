"""Builds are atomic (a failed build leaves the previous site/ exactly as it was) and
reproducible (the same commit gives the same bytes)."""

from __future__ import annotations

import hashlib
import re
import shutil

from helpers import ROOT, build_site, materialise_case


def snapshot(site) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_failed_data_check_leaves_previous_site_untouched(tmp_path):
    site = tmp_path / "site"
    assert build_site(site).returncode == 0
    before = snapshot(site)
    data, _ = materialise_case("negative_value", tmp_path / "bad")
    result = build_site(site, data_dir=data)
    assert result.returncode == 1
    assert "site/ 保持原样" in result.stderr
    assert snapshot(site) == before


def test_failure_late_in_the_build_leaves_previous_site_untouched(tmp_path):
    """A strict-mode warning aborts MkDocs after it has written pages: still no damage."""
    site = tmp_path / "site"
    assert build_site(site).returncode == 0
    before = snapshot(site)
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "broken.md").write_text("# 坏链接\n\n[不存在的页面](missing.md)\n", encoding="utf-8")
    config = ROOT / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {docs}")
    broken_config = (
        ROOT / f".test-broken-{tmp_path.name}.yml"
    )  # beside mkdocs.yml: same relative paths
    broken_config.write_text(text, encoding="utf-8")
    try:
        result = build_site(site, config=broken_config)
    finally:
        broken_config.unlink()
    assert result.returncode == 1
    assert "上一次构建的 site/ 保持原样" in result.stderr
    assert snapshot(site) == before
    assert not any(p.name.endswith(".building") for p in tmp_path.iterdir())


def test_two_clean_builds_are_byte_identical(tmp_path):
    env = {"SITE_BUILDER_CACHE": "off", "SOURCE_DATE_EPOCH": "1700000000"}
    a, b = tmp_path / "a", tmp_path / "b"
    assert build_site(a, extra_env=env).returncode == 0
    assert build_site(b, extra_env=env).returncode == 0
    assert snapshot(a) == snapshot(b)
    # A build from a warm chart cache gives the same bytes as a cold one.
    warm = tmp_path / "warm"
    assert build_site(warm, extra_env={"SOURCE_DATE_EPOCH": "1700000000"}).returncode == 0
    assert snapshot(warm) == snapshot(a)


def test_build_date_comes_from_source_date_epoch(tmp_path):
    site = tmp_path / "site"
    env = {"SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": "https://example.org/"}
    assert build_site(site, extra_env=env).returncode == 0
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2023-11-14"}
