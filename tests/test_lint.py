"""The code stays ruff-clean (lint and import order), as the README promises."""

import subprocess
import sys


def test_ruff_is_clean():
    # ruff from the test extra, run as a module of the interpreter running the tests, so the
    # test needs no particular virtual environment's path
    from helpers import ROOT

    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
