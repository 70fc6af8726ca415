"""Shared fixtures: the real dataset and the source article."""

from __future__ import annotations

import pytest
from helpers import DATA, SOURCE_ARTICLE


@pytest.fixture(scope="session")
def dataset():
    from site_builder.validate import load_dataset

    return load_dataset(DATA)


@pytest.fixture(scope="session")
def article() -> str:
    if not SOURCE_ARTICLE.exists():
        pytest.skip(f"source article not found at {SOURCE_ARTICLE}")
    return SOURCE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once for the whole test session."""
    from helpers import build_site

    dest = tmp_path_factory.mktemp("built") / "site"
    result = build_site(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest
