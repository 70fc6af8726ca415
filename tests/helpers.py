"""Paths and helpers shared by the tests (imported as ``helpers``)."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FROZEN_TREE = ROOT / "tests" / "fixtures" / "frozen_2024" / "data"


def _frozen() -> Path:
    """The 2024 data, frozen (tests/fixtures/frozen_2024): what tests of behaviour build and
    read, so that their expectations hold however data/ grows. A source's full text is
    stored once in the project, under data/, never copied: the tree is assembled here, per
    test process, with its source texts taken from data/."""
    work = Path(tempfile.mkdtemp(prefix="frozen-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    tree = work / "data"
    shutil.copytree(FROZEN_TREE, tree)
    for meta in tree.glob("*/sources/*.yaml"):
        text = meta.with_suffix(".txt")
        shutil.copyfile(DATA / text.relative_to(tree), text)
    return tree


FROZEN = _frozen()
BAD_INPUTS = ROOT / "tests" / "bad_inputs"
# The public address of test builds that have one.
PUBLIC_ADDRESS = "https://example.org/cppcc/"
# a build to publish needs a way to report errors (the footer's); tests publish with this one
PUBLIC_CONTACT = "纠错测试 errors@example.invalid"
PUBLISHED = {"SITE_URL": PUBLIC_ADDRESS, "SITE_CONTACT": PUBLIC_CONTACT}
# What the published test build's mkdocs.yml says beyond the project's own (tests/conftest.py):
# a filing number, and a contact which SITE_CONTACT overrides, as an editor fills them in.
PUBLISHED_ICP = "测试ICP备00000000号"
PUBLISHED_CONFIG_CONTACT = "mkdocs.yml 里的联系方式"
# Debian's Chromium for the browser tests.
CHROMIUM = "/usr/bin/chromium"
# Without the network flags Chromium tries to reach Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SOURCE_ARTICLE = ROOT.parent / "shared" / "sources" / "000_1c9ea9ad821ec5ae.txt"


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m site_builder`` as the editor would, capturing its output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,  # a check takes a second or two; a stuck one fails the test
    )


def bad_input_cases() -> list[str]:
    return sorted(p.name for p in BAD_INPUTS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def materialise_case(name: str, dest: Path) -> tuple[Path, dict]:
    """Copy the small base data tree to ``dest/data`` and apply the case's overlay."""
    case = BAD_INPUTS / name
    data = dest / "data"
    shutil.copytree(BAD_INPUTS / "_base" / "data", data)
    if (case / "data").exists():  # a case may only remove files (git keeps no empty folder)
        shutil.copytree(case / "data", data, dirs_exist_ok=True)
    meta = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    for rel in meta.get("remove", []):
        (data / rel).unlink()
    return data, meta


def build_site(
    dest: Path,
    data_dir: Path | None = None,
    extra_env: dict | None = None,
    config: Path | None = None,
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` as the editor does, into ``dest`` (from ``cwd``, which decides
    how messages name the data files)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **(extra_env or {})}
    if data_dir is not None:
        env["SITE_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-d",
            str(dest),
            "-f",
            str(config or ROOT / "mkdocs.yml"),
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
