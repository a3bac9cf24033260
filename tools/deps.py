"""Print the project's direct dependencies (runtime and test), one per line, for `make lock`."""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
deps = project["dependencies"] + project["optional-dependencies"]["test"]
print("\n".join(deps))
