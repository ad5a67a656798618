"""Reading what real feeds send: header lines and front matter, undated articles, bad
record fields, repeated ids, mixed encodings, unsupported languages, deep nesting."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from sportkg.errors import InputError
from sportkg.extract.readers import ReadFailure, json_lines, parse_text, read_file
from sportkg.model import Article

# ------------------------------------------------------------------ headers and dates


def _one(path: Path) -> Article | ReadFailure:
    (result,) = read_file(path)
    return result


def test_front_matter_is_read_and_not_article_text(tmp_path: Path) -> None:
    path = tmp_path / "front.txt"
    path.write_text(
        "---\ndate: 2025-05-04\ntitle: \"Stam pakt goud\"\nurl: https://example.org/stam\n"
        "lang: nl\nauthor: redactie\n---\nSchaatser Kees Stam won zondag goud.\n",
        encoding="utf-8",
    )
    article = _one(path)
    assert isinstance(article, Article)
    assert (article.date, article.title, article.url, article.lang) == (
        "2025-05-04", "Stam pakt goud", "https://example.org/stam", "nl")
    assert article.text == "Schaatser Kees Stam won zondag goud.\n"


@pytest.mark.parametrize("key", ["Date", "date", "DATE"])
def test_date_header_lines_are_read(tmp_path: Path, key: str) -> None:
    path = tmp_path / "header.txt"
    path.write_text(f"{key}: 2025-05-04\nTitle: Baker wins\n\nTom Baker won on Sunday.\n",
                    encoding="utf-8")
    article = _one(path)
    assert isinstance(article, Article)
    assert article.date == "2025-05-04" and article.title == "Baker wins"
    assert article.text == "Tom Baker won on Sunday.\n" and article.lang == "en"


def test_stated_date_wins_over_the_date_option(tmp_path: Path) -> None:
    path = tmp_path / "header.txt"
    path.write_text("date: 2025-05-04\n\nTom Baker won on Sunday.\n", encoding="utf-8")
    (article,) = read_file(path, date="2020-01-01")
    assert isinstance(article, Article) and article.date == "2025-05-04"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date: 2026-02-30\n\nKok won goud.", "'2026-02-30' is not a valid calendar date"),
        ("Date: 2026-13\n\nKok won goud.", "'2026-13' is not a date YYYY-MM-DD"),
        (" date 2026-13 Kok won goud.", "'2026-13' is not a date YYYY-MM-DD"),
        ("---\ndate: 2026-02-30\n---\nKok won goud.", "not a valid calendar date"),
        ("---\ndate: 2025-01-01\nKok won goud.\n", "front matter"),
        ("lang: xx\n\nKok won goud.", "lang 'xx' is not supported (supported: nl, en)"),
    ],
)
def test_bad_header_is_one_line_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    failure = _one(path)
    assert isinstance(failure, ReadFailure)
    assert failure.source.endswith("bad.txt") and message in failure.reason
    assert "\n" not in str(failure)


def test_undated_article_warns_once_naming_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Tom Baker won on Sunday.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="sportkg.extract.readers"):
        article = _one(path)
    assert isinstance(article, Article) and article.date is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "undated.txt" in warnings[0]
    assert "no publication date" in warnings[0] and "\n" not in warnings[0]


def test_dated_article_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="sportkg.extract.readers"):
        parse_text("date: 2025-05-04\n\nTom Baker won.", source="x.txt")
    assert not caplog.records


# ------------------------------------------------------------------ JSON-lines records


def _records(tmp_path: Path, *records: object) -> list[Article | ReadFailure]:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records)
                    + "\n", encoding="utf-8")
    return list(read_file(path))


@pytest.mark.parametrize(
    ("field", "value"), [("url", 5), ("title", 7), ("published", 20250101), ("date", 20250101)]
)
def test_record_field_of_the_wrong_type_is_one_line_naming_file_and_line(
    tmp_path: Path, field: str, value: object
) -> None:
    good = {"id": "a", "text": "Kok won goud.", "date": "2025-01-01"}
    bad = {"id": "b", "text": "Kok won zilver.", field: value}
    results = _records(tmp_path, good, bad, {**good, "id": "c"})
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "c"]
    (failure,) = [r for r in results if isinstance(r, ReadFailure)]
    assert failure.source.endswith("feed.jsonl:2")
    assert f"record field {field!r} must be a string, got {value}" in failure.reason


def test_published_is_the_record_date(tmp_path: Path) -> None:
    (article,) = _records(tmp_path, {"text": "Kok won goud.", "published": "2025-01-01"})
    assert isinstance(article, Article) and article.date == "2025-01-01"
    (failure,) = _records(tmp_path, {"text": "Kok won goud.", "published": "2025-01-01",
                                     "date": "2025-01-02"})
    assert isinstance(failure, ReadFailure) and "disagree" in failure.reason


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13"])
def test_record_with_an_impossible_date_is_refused(tmp_path: Path, value: str) -> None:
    (failure,) = _records(tmp_path, {"text": "Kok won goud.", "date": value})
    assert isinstance(failure, ReadFailure) and failure.source.endswith("feed.jsonl:1")
    assert value in failure.reason


def test_repeated_id_names_both_lines(tmp_path: Path) -> None:
    results = _records(
        tmp_path,
        {"id": "x1", "text": "Kok won goud.", "date": "2025-01-01"},
        {"id": "x2", "text": "Kok won zilver.", "date": "2025-01-01"},
        {"id": "x1", "text": "Kok won brons.", "date": "2025-01-01"},
    )
    articles = [r for r in results if isinstance(r, Article)]
    assert [(a.id, a.text) for a in articles] == [("x1", "Kok won goud."),
                                                 ("x2", "Kok won zilver.")]
    (failure,) = [r for r in results if isinstance(r, ReadFailure)]
    assert failure.source.endswith("feed.jsonl:3") and "line 1" in failure.reason
    assert "duplicate id 'x1'" in failure.reason


def test_unsupported_record_language_is_named(tmp_path: Path) -> None:
    (failure,) = _records(tmp_path, {"text": "Kok won goud.", "lang": "xx"})
    assert isinstance(failure, ReadFailure) and failure.source.endswith("feed.jsonl:1")
    assert "'xx' is not supported" in failure.reason


def test_deeply_nested_record_is_one_line_not_a_recursion_error(tmp_path: Path) -> None:
    deep = '{"text": "Kok won goud.", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    results = _records(tmp_path, deep, {"text": "Kok won zilver.", "date": "2025-01-01"})
    failure, article = results
    assert isinstance(failure, ReadFailure) and failure.source.endswith("feed.jsonl:1")
    assert "nested too deeply" in failure.reason
    assert isinstance(article, Article)


def test_deeply_nested_line_of_a_statements_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "statements.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"statements.jsonl:1: .*nested too deeply"):
        list(json_lines(path, what="statements"))


# ------------------------------------------------------------------ encodings


def test_mixed_utf8_and_latin1_lines_are_decoded_per_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "date: 2025-01-01\n\nEén schaatser won één keer goud.\n".encode()
        + "Zij won één keer zilver in Thialf, zei de café-eigenaar.\n".encode("latin-1")
        + "Het was één grote dag.\n".encode()
    )
    with caplog.at_level(logging.WARNING, logger="sportkg.extract.readers"):
        article = _one(path)
    assert isinstance(article, Article)
    assert article.text == ("Eén schaatser won één keer goud.\n"
                            "Zij won één keer zilver in Thialf, zei de café-eigenaar.\n"
                            "Het was één grote dag.\n")
    assert "Ã" not in article.text
    assert "mixed.txt: line(s) 4 not UTF-8" in caplog.text


def test_latin1_record_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"text": "Zij won één keer.", "date": "2025-01-01"},
                                ensure_ascii=False).encode("latin-1") + b"\n")
    (article,) = read_file(path)
    assert isinstance(article, Article) and article.text == "Zij won één keer."
