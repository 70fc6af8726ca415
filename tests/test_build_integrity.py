"""Builds are atomic (a failed build leaves the previous site/ exactly as it was) and
reproducible (the same commit gives the same bytes)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from helpers import FROZEN, ROOT, build_site, materialise_case
from markupsafe import escape


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


def test_the_preview_error_page_says_how_the_table_was_read_too(tmp_path, monkeypatch):
    """The preview's error page lists what `check` prints: the problems, and the line saying
    which encoding a spreadsheet was read in (text read in the wrong one shows there)."""
    from site_builder import mkdocs_hooks
    from site_builder.errors import DataError
    from site_builder.validate import load_dataset

    data, meta = materialise_case("csv_formula_note", tmp_path)
    (data / "2024" / "figures.csv").write_bytes(
        (data / "2024" / "figures.csv").read_text(encoding="utf-8").encode("gbk")
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as caught:
        load_dataset("data")
    page = mkdocs_hooks._error_preview(caught.value).files["index.md"].decode("utf-8")
    note = '<p class="data-notes">data/2024/figures.csv：按 GBK/GB18030 编码读取。</p>'
    assert page.index(note) < page.index('<ol class="data-errors-list">')  # first, as check does
    [problem] = meta["problems"]
    where, message = problem.split(": ", 1)
    assert f"<li><code>{where}:</code> {escape(message)}</li>" in page


def test_the_search_dictionary_read_from_the_cache_is_jiebas_own(tmp_path):
    """Builds read jieba's dictionary pickled in their cache (a third of the time jieba takes
    to read its own): the same words and counts; a damaged entry is replaced, never used."""
    import pickle

    import jieba

    from site_builder.mkdocs_hooks import _load_jieba_dictionary

    own = jieba.Tokenizer()
    _load_jieba_dictionary(jieba, tmp_path, own)  # nothing cached yet: jieba's own, then kept
    [entry] = (tmp_path / "search").glob("jieba-*.pickle")
    cached = jieba.Tokenizer()
    cached.initialize = lambda *a, **k: pytest.fail("read jieba's own file, not the cache")
    _load_jieba_dictionary(jieba, tmp_path, cached)
    assert cached.initialized and (cached.FREQ, cached.total) == (own.FREQ, own.total)
    sentence = "永安市政协开展微协商90多场次"
    assert list(cached.cut(sentence)) == list(own.cut(sentence))
    entry.write_bytes(b"\x80\x05 a damaged entry")
    after_damage = jieba.Tokenizer()
    _load_jieba_dictionary(jieba, tmp_path, after_damage)
    assert (after_damage.FREQ, after_damage.total) == (own.FREQ, own.total)
    assert pickle.loads(entry.read_bytes()) == (own.FREQ, own.total)  # written afresh


def test_the_sites_own_scripts_are_served_minified_and_the_themes_as_shipped(built_site):
    """Each of our scripts is served without its comments (every reader downloads it on a
    first load) and still under its own name; Material's files are served byte for byte."""
    import material
    import rjsmin

    ours = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
    assert ours
    for source in ours:
        served = (built_site / "assets" / "javascripts" / source.name).read_text(encoding="utf-8")
        text = source.read_text(encoding="utf-8")
        assert served == rjsmin.jsmin(text, keep_bang_comments=True)
        assert len(served) < len(text)
    theme = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    shipped = [p for p in theme.rglob("*.js")]
    assert len(shipped) > 10
    for path in shipped:
        assert (built_site / "assets" / "javascripts" / path.relative_to(theme)).read_bytes() == (
            path.read_bytes()
        ), path
