"""Render the site's Markdown pages from the Jinja templates in ``templates/``.

Pages are Markdown with raw HTML blocks. Every text from the data passes through one of two
escapes: ``|e`` (HTML, Jinja's autoescape) inside HTML blocks, and ``|md`` in Markdown
context, which also backslash-escapes Markdown syntax, so a summary containing
``<script>``, ``**`` or ``{{ }}`` shows as literal text.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import wording
from .compare import STATUS_WORDS, status_word
from .qualifiers import QUALIFIER_SYMBOL, QUALIFIERS

TEMPLATES = Path(__file__).parent / "templates"
# Exactly the characters Python-Markdown lets a backslash escape (plus "|" for tables):
# escaping any other character would leave a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md(text) -> Markup:
    """Text made literal for a Markdown paragraph or heading."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True)))


def front_matter(search_exclude: bool = False, **fields) -> Markup:
    """YAML front matter; values are HTML-escaped because themes print them unescaped.

    ``search_exclude`` keeps the page out of the search index every page loads (editions,
    embeds): readers searching find the timeline page, and the index stays small.
    """
    lines = ["---"]
    if search_exclude:
        lines += ["search:", "  exclude: true"]
    for key, value in fields.items():
        if value is not None:
            lines.append(
                f"{key}: {json.dumps(html.escape(str(value), quote=True), ensure_ascii=False)}"
            )
    lines.append("---")
    return Markup("\n".join(lines))


def value_parts(value, qualifier: str, unit: str, evidence: str = "") -> dict:
    """A figure split for a card: prefix ("至少"/"近"), number, unit, and the full words."""
    return {
        "prefix": wording.prefix(value, qualifier, evidence),
        "number": wording.number(value),
        "unit": unit,
        "words": wording.say(value, qualifier, unit, evidence),
    }


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept on disk; a cache that cannot be read or written (a read-only
    project, a full disk) only means compiling again, never a failed build."""

    def load_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def environment(cache: Path | None = None) -> Environment:
    """The templates' environment; ``cache`` keeps compiled templates between builds."""
    bytecode = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bytecode = QuietBytecodeCache(str(cache))
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.globals.update(
        say=wording.say,
        number=wording.number,
        parts=value_parts,
        front_matter=front_matter,
        QUALIFIERS=QUALIFIERS,
        QUALIFIER_SYMBOL=QUALIFIER_SYMBOL,
        human_size=human_size,
        cite=wording.cite,
        STATUS_WORDS=STATUS_WORDS,
        status_word=status_word,
        known=wording.known,
    )
    return env


def human_size(n: int) -> str:
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} B"


def render(env: Environment, template: str, **context) -> str:
    return env.get_template(template).render(**context)


def escape_title(text: str) -> str:
    """A page or nav title as themes print it (unescaped): HTML-escape it once here."""
    return html.escape(text, quote=True)
