"""One build configuration, read once and passed down.

Where the data and the chart cache live, the public address and what the footer says come
from ``mkdocs.yml`` (the MkDocs glue reads them) or from the command line, with the
environment able to override: ``SITE_DATA_DIR``, ``SITE_BUILDER_CACHE`` (a folder, or "off")
and ``SITE_URL``. Nothing below this module reads the environment or knows MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

CACHE_SUBDIR = Path(".cache") / "site_builder"


@dataclass(frozen=True)
class BuildConfig:
    project: Path  # the folder of mkdocs.yml: the data and the cache are relative to it
    data_dir: Path
    cache_dir: Path | None  # None: draw every chart afresh
    site_url: str = ""  # the public address, ending in "/"; "" when there is none
    publisher: str = ""  # who publishes the site (footer)
    contact: str = ""  # how to report an error (footer)
    icp: str = ""  # ICP filing number (备案号), shown in the footer when set

    @property
    def has_address(self) -> bool:
        return bool(self.site_url)


def _cache(project: Path) -> Path | None:
    value = os.environ.get("SITE_BUILDER_CACHE")
    if value == "off":
        return None
    return Path(value) if value else project / CACHE_SUBDIR


def _address(value: str | None) -> str:
    value = (os.environ.get("SITE_URL") or value or "").strip()
    if value and not value.endswith("/"):
        value += "/"
    return value


def build_config(
    project: Path,
    data_dir: str | Path = "data",
    site_url: str | None = "",
    extra: dict | None = None,
) -> BuildConfig:
    """The configuration for a build of ``project`` (``extra`` is mkdocs.yml's ``extra``)."""
    project = Path(project).resolve()
    data = Path(os.environ.get("SITE_DATA_DIR") or data_dir)
    extra = extra or {}
    return BuildConfig(
        project=project,
        data_dir=data if data.is_absolute() else project / data,
        cache_dir=_cache(project),
        site_url=_address(site_url),
        publisher=str(extra.get("publisher") or ""),
        contact=(os.environ.get("SITE_CONTACT") or "").strip()
        or str(extra.get("contact") or "").strip(),
        icp=str(extra.get("icp") or ""),
    )


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml with its tags (``!ENV``, ``!!python/…``) read as plain values."""


def _env(loader, node):
    """``!ENV VAR`` or ``!ENV [VAR, …, default]``: as MkDocs reads it."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    return next((os.environ[n] for n in names if n in os.environ), default)


_AnyTagLoader.add_constructor("!ENV", _env)
_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def data_dir_of(project: Path) -> Path:
    """The data folder a build of ``project`` reads: ``SITE_DATA_DIR``, else mkdocs.yml's
    ``extra.data_dir``, else ``data`` (so ``check`` reads what ``mkdocs build`` reads)."""
    config = Path(project) / "mkdocs.yml"
    extra = {}
    if config.is_file():
        try:
            loaded = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict) and isinstance(loaded.get("extra"), dict):
            extra = loaded["extra"]
    return build_config(project, extra.get("data_dir") or "data").data_dir
