"""Copy the benchmarks' results files into README.md, so that its measured tables are the ones a
run wrote, with the commit they were measured on.

README.md holds, for each benchmark, a pair of markers

    <!-- bench:counters -->
    … (replaced) …
    <!-- /bench:counters -->

and `benchmarks/results/counters.md` is what `benchmarks/counters.py --out …` wrote. Everything
between the markers is replaced by the file; everything else is left alone, and a second run
changes nothing. A marker without its pair, a name given twice, a name asked for that has no
marker, or a missing results file is an error and README.md is not written.

    python benchmarks/report.py                 # every marker of README.md
    python benchmarks/report.py counters export # only those
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!-- (/?)bench:([a-z0-9_-]+) -->")


class ReportError(Exception):
    """README.md and the results do not fit together; the message says where."""


def blocks(readme: str) -> dict[str, tuple[int, int]]:
    """Each benchmark name -> (end of its opening marker, start of its closing marker)."""
    found: dict[str, tuple[int, int]] = {}
    open_name, open_end = None, 0
    for match in MARKER.finditer(readme):
        closing, name = match.group(1) == "/", match.group(2)
        if not closing:
            if open_name is not None:
                raise ReportError(f"<!-- bench:{open_name} --> is not closed before {name}'s")
            if name in found:
                raise ReportError(f"<!-- bench:{name} --> appears twice")
            open_name, open_end = name, match.end()
        elif name != open_name:
            raise ReportError(f"<!-- /bench:{name} --> closes nothing")
        else:
            found[name] = (open_end, match.start())
            open_name = None
    if open_name is not None:
        raise ReportError(f"<!-- bench:{open_name} --> is never closed")
    return found


def replaced(readme: str, results: dict[str, str]) -> str:
    """`readme` with each named block's content replaced by its result."""
    where = blocks(readme)
    if missing := sorted(set(results) - set(where)):
        raise ReportError(f"no <!-- bench:NAME --> marker in README.md for {', '.join(missing)}")
    out, position = [], 0
    for name, (start, end) in sorted(where.items(), key=lambda item: item[1]):
        if name in results:
            out += [readme[position:start], "\n\n", results[name].strip(), "\n\n"]
            position = end
    out.append(readme[position:])
    return "".join(out)


def read_results(names: list[str], folder: Path) -> dict[str, str]:
    results, missing = {}, []
    for name in names:
        path = folder / f"{name}.md"
        if path.is_file():
            results[name] = path.read_text(encoding="utf-8")
        else:
            missing.append(str(path))
    if missing:
        raise ReportError(f"no results file {', '.join(missing)}: run that benchmark with --out")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="benchmarks to copy (default: every marker)")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    try:
        readme = args.readme.read_text(encoding="utf-8")
        names = args.names or list(blocks(readme))
        text = replaced(readme, read_results(names, args.results))
    except (ReportError, OSError) as error:
        print(f"report.py: {error}", file=sys.stderr)
        return 1
    if text != readme:
        args.readme.write_text(text, encoding="utf-8")
    print(f"{args.readme}: {', '.join(names)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
