"""Shared fixtures: the real dataset and the source article; the frozen 2024 data
(tests/fixtures/frozen_2024) built and exported once; the real data built as published; the
frozen data poisoned with hostile text, built once. Each build is made once per test run,
whatever the number of workers (see ``made_once``)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from filelock import FileLock
from helpers import (
    DATA,
    FROZEN,
    PUBLISHED,
    PUBLISHED_CONFIG_CONTACT,
    PUBLISHED_ICP,
    ROOT,
)

STORED_ARTICLE = DATA / "2024" / "sources" / "sanming_cppcc_review_2024.txt"


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject.toml): a worker per core, and one more when the browser tests
    run, which spend much of their time waiting on Chromium; a third worker fills that time
    (2 cores, whole suite: 3 min 20 s with two workers, 2 min 49 s with three; without the
    browser tests the cores are busy, and a third worker only adds its start-up)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):  # as pytest-xdist's own "auto" does
        return int(os.environ["PYTEST_XDIST_AUTO_NUM_WORKERS"])
    cores = len(os.sched_getaffinity(0))  # the cores this run may use, not the host's
    browser_tests_run = "not browser" not in (config.getoption("markexpr") or "")
    return cores + 1 if browser_tests_run else cores


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


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder filled by ``make(folder)`` once for the whole run. Under pytest-xdist the
    first worker to need it makes it and the others wait, then read the same files (the
    pattern pytest-xdist documents): each build here takes seconds of the suite's minute."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # the run's, above each worker's own
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists():  # a failed make leaves no mark: the next worker fails anew
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build_frozen(folder: Path) -> None:
    from helpers import build_site

    # a new interpreter, as the editor starts it: the other builds run in forked children
    result = build_site(folder / "site", data_dir=FROZEN, fresh=True)
    assert result.returncode == 0, result.stdout + result.stderr
    (folder / "build.log").write_text(result.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def _built(tmp_path_factory):
    folder = made_once(tmp_path_factory, "built", _build_frozen)
    return folder / "site", (folder / "build.log").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(_built):
    """The site of the frozen 2024 data, built once for the whole test run by a default
    `mkdocs build` (strict, no public address), for every test that only reads it."""
    return _built[0]


@pytest.fixture(scope="session")
def built_site_log(_built):
    """What that build printed."""
    return _built[1]


def _export_frozen(folder: Path) -> None:
    from helpers import run_cli

    result = run_cli("--data", str(FROZEN), "export", str(folder))
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def exported(tmp_path_factory):
    """Every download of the frozen 2024 data (the shared site's), written once by
    `python -m site_builder export` as a journalist's script would run it."""
    return made_once(tmp_path_factory, "export", _export_frozen)


def _build_published(folder: Path) -> None:
    from helpers import build_site

    config = ROOT / f".test-published-{folder.parent.name}-{os.getpid()}.yml"  # beside mkdocs.yml
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # whatever the editor has filled in there
    text, contacts = re.subn(r"(?m)^  contact: .*$", f"  contact: {PUBLISHED_CONFIG_CONTACT}", text)
    text, icps = re.subn(r"(?m)^  icp: .*$", f"  icp: {PUBLISHED_ICP}", text)
    assert contacts == icps == 1, "mkdocs.yml: extra.contact and extra.icp not found"
    config.write_text(text, encoding="utf-8")
    env = {**PUBLISHED, "SOURCE_DATE_EPOCH": "1700000000"}
    try:
        result = build_site(folder / "site", extra_env=env, config=config)
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert "没有设置网站的公开地址" not in result.stderr


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The real data/ built as it is published: with a public address (Open Graph images,
    sitemap), a filing number and a contact, dated like a release (the sitemap's dates come
    from SOURCE_DATE_EPOCH)."""
    return made_once(tmp_path_factory, "published", _build_published) / "site"


def _build_frozen_published(folder: Path) -> None:
    from helpers import build_site

    result = build_site(folder / "site", data_dir=FROZEN, extra_env=PUBLISHED)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def frozen_published_site(tmp_path_factory):
    """The frozen 2024 data built as for publishing, at the tests' public address
    (helpers.PUBLIC_ADDRESS): what the browser tests serve. Served from a local address,
    the pages still load nothing from the public one: links and assets are relative."""
    return made_once(tmp_path_factory, "frozen-published", _build_frozen_published) / "site"


def _build_hostile(folder: Path) -> None:
    from helpers import build_site
    from test_hostile import poison

    shutil.copytree(FROZEN, folder / "data")
    poison(folder / "data")
    result = build_site(folder / "site", data_dir=folder / "data")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The frozen 2024 data with hostile text in every field a reader sees (test_hostile's
    ``poison``), built once by a default `mkdocs build`: read by test_hostile, opened in the
    browser by test_browser."""
    return made_once(tmp_path_factory, "hostile", _build_hostile) / "site"


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
