"""The journalists' notebook runs, offline, against the project's own data."""

from __future__ import annotations

import jupytext
from helpers import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "explore_figures.py"


def test_notebook_executes_and_shows_the_comparison():
    nb = jupytext.read(NOTEBOOK)
    assert all(
        not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"
    )  # stored without outputs
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    text = "\n".join(
        str(out.get("data", {}).get("text/plain", "")) + out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert "清流县" in text and "至少 500 人次" in text
    charts = [
        out
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if "image/svg+xml" in out.get("data", {})
    ]
    assert len(charts) >= 3  # drawn locally as SVG: no script from a CDN
