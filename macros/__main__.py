"""Command line: `python -m macros check [FILE]` validates a data file.

Prints one line per problem (file:line field: message) and exits 1 when
there are any, so editors and pre-commit can run it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loading import DataError, display_path, load
from .opendata import SCHEMA_FILE, json_schema
from .pages import data_path

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate a data file and print every problem")
    check.add_argument("file", nargs="?", type=Path, help="default: data/knowledge.yml")
    check.add_argument("--docs", type=Path, default=PROJECT / "docs", help="docs folder for page links")
    schema = sub.add_parser("schema", help="write the JSON Schema of the data file")
    schema.add_argument("--output", type=Path, default=SCHEMA_FILE)
    args = parser.parse_args(argv)

    if args.command == "schema":
        args.output.write_text(json_schema())
        print(f"wrote {display_path(args.output)}")
        return 0

    path = args.file or data_path(PROJECT)
    try:
        knowledge = load(path, args.docs)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    print(
        f"{display_path(path)}: ok ({len(knowledge.references)} references, {len(knowledge.attributes)} attributes, "
        f"{len(knowledge.treatments)} treatments, {len(knowledge.faq)} FAQ entries, "
        f"{len(knowledge.glossary)} glossary terms, {len(knowledge.layers)} layers, "
        f"{len(knowledge.phases)} healing phases, {len(knowledge.signals)} signals)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
