"""Builds are atomic (a failed build leaves the previous site/ exactly as it was) and
reproducible (the same commit gives the same bytes)."""

from __future__ import annotations

import hashlib
import shutil

from helpers import FROZEN, ROOT, build_site, materialise_case


def snapshot(site) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_failed_data_check_leaves_previous_site_untouched(tmp_path, built_site):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)  # a previous good build
    before = snapshot(site)
    data, _ = materialise_case("negative_value", tmp_path / "bad")
    result = build_site(site, data_dir=data)
    assert result.returncode == 1
    assert f"网站没有构建，{site.as_posix()}/ 保持原样" in result.stderr  # the folder given
    assert snapshot(site) == before


def test_failure_late_in_the_build_leaves_previous_site_untouched(tmp_path, built_site):
    """A strict-mode warning aborts MkDocs after it has written pages: still no damage."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)  # a previous good build
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
    assert f"上一次构建的 {site.as_posix()}/ 保持原样" in result.stderr
    assert snapshot(site) == before
    assert not any(p.name.endswith(".building") for p in tmp_path.iterdir())


def test_a_build_gives_the_same_bytes_from_a_cold_or_a_warm_cache(tmp_path, built_site):
    """The session's build (chart cache as the run left it) and a build with no cache at all,
    from the same commit: byte for byte the same site."""
    cold = tmp_path / "cold"
    result = build_site(cold, data_dir=FROZEN, extra_env={"SITE_BUILDER_CACHE": "off"})
    assert result.returncode == 0, result.stderr
    assert snapshot(cold) == snapshot(built_site)
