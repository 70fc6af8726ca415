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
