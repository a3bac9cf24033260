"""The code passes the project's own linter (settings in pyproject.toml)."""

import subprocess
import sys

from tests.conftest import PROJECT


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "macros", "hooks", "tests", "tools"],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
