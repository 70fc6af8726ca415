"""Shared fixtures: the real dataset and the source article; the frozen 2024 data
(tests/fixtures/frozen_2024) built and exported once; the real data built as published."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA, FROZEN, PUBLISHED, ROOT

STORED_ARTICLE = DATA / "2024" / "sources" / "sanming_cppcc_review_2024.txt"


@pytest.fixture(scope="session", autouse=True)
def _run_from_the_project():
    """Messages name data files as seen from the current folder: the tests expect the
    project's, as when the suite is run as the README says, from wherever pytest starts."""
    import os

    before = Path.cwd()
    os.chdir(ROOT)
    yield
    os.chdir(before)


@pytest.fixture(scope="session")
def dataset():
    """The real data/, for tests of the curation (and of the real data's own files)."""
    from site_builder.validate import load_dataset

    return load_dataset(DATA)


@pytest.fixture(scope="session")
def frozen_dataset():
    """The frozen 2024 data, which the shared site and downloads are built from."""
    from site_builder.validate import load_dataset

    return load_dataset(FROZEN)


@pytest.fixture(scope="session")
def article() -> str:
    """The 2024 article as the project stores it (data/2024/sources/)."""
    return STORED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def _built(tmp_path_factory):
    from helpers import build_site

    dest = tmp_path_factory.mktemp("built") / "site"
    result = build_site(dest, data_dir=FROZEN)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest, result.stderr


@pytest.fixture(scope="session")
def built_site(_built):
    """The site of the frozen 2024 data, built once for the whole test session by a default
    `mkdocs build` (strict, no public address), for every test that only reads it."""
    return _built[0]


@pytest.fixture(scope="session")
def built_site_log(_built):
    """What that build printed."""
    return _built[1]


@pytest.fixture(scope="session")
def exported(tmp_path_factory):
    """Every download of the frozen 2024 data (the shared site's), written once by
    `python -m site_builder export` as a journalist's script would run it."""
    from helpers import run_cli

    out = tmp_path_factory.mktemp("export")
    result = run_cli("--data", str(FROZEN), "export", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real data/ built as it is published: with a public address (Open Graph images,
    sitemap), dated like a release (the sitemap's dates come from SOURCE_DATE_EPOCH)."""
    from helpers import build_site

    site = tmp_path_factory.mktemp("published") / "site"
    env = {**PUBLISHED, "SOURCE_DATE_EPOCH": "1700000000"}
    result = build_site(site, extra_env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert "没有设置网站的公开地址" not in result.stderr
    return site


def files_under(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for the whole run."""
    from helpers import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
