"""Fixtures shared by every test folder: one strict build of the real site per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "data" / "knowledge.yml"


def run_build(site_dir: Path, *, data: Path | None = None, config: Path | None = None):
    """Build with tools/build.py (the same command as `make build`); return the finished process."""
    env = {**os.environ}
    env.pop("KNOWLEDGE_FILE", None)
    if data:
        env["KNOWLEDGE_FILE"] = str(data)
    command = [sys.executable, str(PROJECT / "tools" / "build.py"), "--site-dir", str(site_dir)]
    if config:
        command += ["--config", str(config)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with --strict."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_build(site_dir)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def knowledge():
    from macros.loading import load

    return load(DATA, PROJECT / "docs")
