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


def test_codespell_finds_no_misspellings_in_the_prose_and_data():
    targets = ["docs", "data", "macros", "README.md", "CONTRIBUTING.md"]
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", *targets],
        cwd=PROJECT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_only_local_hooks_that_exist():
    """Nothing is fetched when a contributor installs the hooks, and each one runs a real command."""
    import yaml

    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert {hook["id"] for hook in hooks} >= {"ruff", "codespell", "data-check"}
    for hook in hooks:
        executable = hook["entry"].split()[0]
        assert (PROJECT / executable).exists(), f"{hook['id']}: {executable} not found"
