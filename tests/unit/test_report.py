"""benchmarks/report.py: README.md's measured tables are replaced by the results files, and
nothing else moves."""

from __future__ import annotations

import pytest

from benchmarks import report

README = """# Relance

## Measured

Counters, on a million notes:

<!-- bench:counters -->
| old | table |
| --- | --- |
<!-- /bench:counters -->

Some prose that stays.

<!-- bench:export -->
<!-- /bench:export -->

## Tests
"""


def write(tmp_path, readme: str = README, **results: str):
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    folder = tmp_path / "results"
    folder.mkdir()
    for name, text in results.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return ["--readme", str(tmp_path / "README.md"), "--results", str(folder)]


def readme_of(tmp_path) -> str:
    return (tmp_path / "README.md").read_text(encoding="utf-8")


def test_each_marked_table_becomes_its_results_file_and_the_rest_stays(tmp_path):
    options = write(
        tmp_path,
        counters="Measured on commit abc1234 (clean tree).\n\n| new | table |\n",
        export="Measured on commit abc1234 (clean tree).\n\n| export |\n",
    )

    assert report.main(options) == 0

    assert readme_of(tmp_path) == README.replace(
        "| old | table |\n| --- | --- |\n",
        "\nMeasured on commit abc1234 (clean tree).\n\n| new | table |\n\n",
    ).replace(
        "<!-- bench:export -->\n",
        "<!-- bench:export -->\n\nMeasured on commit abc1234 (clean tree).\n\n| export |\n\n",
    )


def test_a_second_run_changes_nothing(tmp_path):
    options = write(tmp_path, counters="| new |\n", export="| export |\n")
    report.main(options)
    once = readme_of(tmp_path)

    assert report.main(options) == 0

    assert readme_of(tmp_path) == once


def test_named_benchmarks_only_replace_their_own_table(tmp_path):
    options = write(tmp_path, counters="| new |\n")

    assert report.main([*options, "counters"]) == 0

    assert "| new |" in readme_of(tmp_path)
    assert "<!-- bench:export -->\n<!-- /bench:export -->" in readme_of(tmp_path)


def test_a_benchmark_without_a_marker_fails_and_writes_nothing(tmp_path, capsys):
    options = write(tmp_path, counters="| new |\n", browser="| browser |\n")

    assert report.main([*options, "counters", "browser"]) == 1

    assert "no <!-- bench:NAME --> marker in README.md for browser" in capsys.readouterr().err
    assert readme_of(tmp_path) == README


def test_a_missing_results_file_fails_and_writes_nothing(tmp_path, capsys):
    options = write(tmp_path, counters="| new |\n")

    assert report.main(options) == 1

    assert "export.md" in capsys.readouterr().err
    assert readme_of(tmp_path) == README


@pytest.mark.parametrize(
    ("readme", "message"),
    [
        ("<!-- bench:a -->\n", "never closed"),
        ("<!-- /bench:a -->\n", "closes nothing"),
        ("<!-- bench:a -->\n<!-- bench:b -->\n", "not closed before"),
        ("<!-- bench:a --><!-- /bench:a -->\n<!-- bench:a --><!-- /bench:a -->", "twice"),
    ],
)
def test_markers_that_do_not_pair_up_are_refused(tmp_path, capsys, readme, message):
    options = write(tmp_path, readme=readme, a="| a |\n", b="| b |\n")

    assert report.main(options) == 1

    assert message in capsys.readouterr().err
    assert readme_of(tmp_path) == readme
