"""The pattern file is checked when it loads: a typo names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sportkg.errors import ConfigError
from sportkg.extract.relations.engine import PATTERNS_PATH, load_patterns

HEADER = "family\tlang\tproperty\tsubject\tvalue\tconfidence\tpattern\n"
GOOD = "identity\t*\tP27\ts\tdem:dem\t0.85\t(?P<dem>{DEM})\\s+(?P<s>{P})\n"


def _file(tmp_path: Path, row: str) -> Path:
    path = tmp_path / "patterns.tsv"
    path.write_text(HEADER + GOOD + row, encoding="utf-8")
    return path


def test_the_shipped_pattern_file_loads_in_both_languages() -> None:
    assert load_patterns("nl", PATTERNS_PATH) and load_patterns("en", PATTERNS_PATH)


@pytest.mark.parametrize(("row", "message"), [
    ("identiy\t*\tP27\ts\tdem:dem\t0.8\t(?P<s>{P})\n", "unknown family 'identiy'"),
    ("identity\t*\tP1532\ts\tdem:dem\t0.8\t(?P<s>{P})\n", "unknown property 'P1532'"),
    ("identity\t*\tP27\ts\tcountri:c\t0.8\t(?P<s>{P})\n", "unknown value kind 'countri'"),
    ("identity\t*\tP27\ts\tdem:dem\t0.8\t(?P<dem>{CUNTRY})\\s(?P<s>{P})\n",
     "unknown macro {CUNTRY}"),
    ("identity\t*\tP27\t@nearest\tdem:dem\t0.8\t(?P<s>{P})\n", "unknown subject '@nearest'"),
    ("identity\tde\tP27\ts\tdem:dem\t0.8\t(?P<s>{P})\n", "unknown language 'de'"),
    ("identity\t*\tP27\ts\tdem:dem\t1.8\t(?P<s>{P})\n", "confidence '1.8'"),
    ("identity\t*\tP27\ts\tdem:dem\t0.8\t(?P<s>{P}\n", "bad pattern"),
])
def test_a_typo_in_a_pattern_row_is_an_error_naming_file_and_line(
        tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(ConfigError, match=r"patterns\.tsv:3: ") as caught:
        load_patterns("nl", _file(tmp_path, row))
    assert message in str(caught.value)
