"""Article readers: formats, dates, languages, encodings and the files that must be refused."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportkg.errors import InputError
from sportkg.extract.langdetect import detect_language, guess_language
from sportkg.extract.readers import (
    ReadFailure,
    input_files,
    parse_text,
    read_file,
    read_jsonl,
    read_paths,
    read_stdin,
)
from sportkg.model import Article

DATA = Path(__file__).resolve().parent.parent / "data" / "readers"


def by_id(results: list[Article | ReadFailure]) -> dict[str, Article]:
    return {r.id: r for r in results if isinstance(r, Article)}


def failures(results: list[Article | ReadFailure]) -> dict[str, str]:
    return {Path(r.source).name: r.reason for r in results if isinstance(r, ReadFailure)}


# ------------------------------------------------------------------ formats


def test_reference_format_date_line_and_text() -> None:
    (article,) = read_file(DATA / "nl_reference.txt")
    assert isinstance(article, Article)
    assert article.id == "nl_reference" and article.date == "2025-11-22"
    assert article.text.startswith("Schaatsster Anna de Wit won zaterdag")
    assert "date" not in article.text.split("\n", 1)[0]
    assert article.lang == "nl"
    assert article.source.endswith("nl_reference.txt")


def test_date_line_on_its_own_line_and_unknown_date() -> None:
    (article,) = read_file(DATA / "en_unknown_date.txt")
    assert isinstance(article, Article)
    assert article.date is None and article.text.startswith("Runner Tom Baker")
    (dated,) = read_file(DATA / "en_unknown_date.txt", date="2025-01-12")
    assert isinstance(dated, Article) and dated.date == "2025-01-12"


def test_reference_date_wins_over_the_date_option() -> None:
    (article,) = read_file(DATA / "nl_reference.txt", date="2020-01-01")
    assert isinstance(article, Article) and article.date == "2025-11-22"


def test_plain_text_takes_the_date_option() -> None:
    (article,) = read_file(DATA / "plain.txt", date="2025-06-30")
    assert isinstance(article, Article)
    assert article.date == "2025-06-30" and article.lang == "en"
    assert article.text.startswith("The Dutch cyclist Lotte Vos")
    (undated,) = read_file(DATA / "plain.txt")
    assert isinstance(undated, Article) and undated.date is None


def test_parse_text_keeps_headline_on_the_date_line() -> None:
    article = parse_text(" date 2026-02-11 Kop van het stuk\nDe tekst.", source="a/b.txt")
    assert article.text == "Kop van het stuk\nDe tekst." and article.id == "b"


def test_crlf_line_ends_become_newlines() -> None:
    article = parse_text(" date 2026-02-11 \r\nEen.\r\n\r\nTwee.\r\n", source="x.txt")
    assert article.text == "Een.\n\nTwee.\n"


def test_jsonl_records_and_bad_lines_do_not_stop_the_file() -> None:
    results = list(read_jsonl(DATA / "records.jsonl"))
    articles = by_id(results)
    first = articles["rec-1"]
    assert first.date == "2025-07-01" and first.url == "https://example.org/1"
    assert first.title == "Bakker tekent" and first.lang == "nl"
    assert articles["records-5"].lang == "en"  # from the record, no id: file stem + line
    bad = {r.source.rsplit(":", 1)[1]: r.reason for r in results if isinstance(r, ReadFailure)}
    assert set(bad) == {"2", "3", "6"}
    assert "not valid JSON" in bad["2"] and "'text'" in bad["3"] and "2025-13-45" in bad["6"]


def test_record_language_beats_option_and_option_beats_detection(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    text = "De schaatsster won de race en zij was blij met het goud."
    path.write_text(
        json.dumps({"id": "a", "text": text, "lang": "nl"})
        + "\n"
        + json.dumps({"id": "b", "text": text})
        + "\n",
        encoding="utf-8",
    )
    articles = by_id(list(read_jsonl(path, lang="en")))
    assert articles["a"].lang == "nl" and articles["b"].lang == "en"
    assert by_id(list(read_jsonl(path)))["b"].lang == "nl"


def test_directories_recursive_article_files_only() -> None:
    results = list(read_paths([DATA]))
    ids = set(by_id(results))
    assert {"nl_reference", "en_unknown_date", "plain", "bom", "latin1", "nl_deeper"} <= ids
    assert {"rec-1", "records-5"} <= ids
    names = {Path(r.source).name for r in results}
    assert "notes.tsv" not in names and ".hidden.txt" not in names


def test_glob_selects_files() -> None:
    results = list(read_paths([DATA], glob="nl_*.txt"))
    assert set(by_id(results)) == {"nl_reference", "nl_deeper"}
    assert not failures(results)


def test_exclude_and_input_files() -> None:
    files = [
        i for i in input_files([DATA], exclude=[DATA / "records.jsonl"]) if isinstance(i, tuple)
    ]
    names = {p.name for p, _ in files}
    assert "records.jsonl" not in names and "nl_deeper.txt" in names
    assert all(discovered for _, discovered in files)


def test_jsonl_of_other_records_in_a_directory_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a.txt").write_text("De renner won de etappe en hij was blij.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a", "subject": "X", "property": "P27", "value": "Y"}\n')
    with caplog.at_level(logging.WARNING):
        results = list(read_paths([tmp_path]))
    assert set(by_id(results)) == {"a"} and not failures(results)
    assert "gold.jsonl" in caplog.text
    # named explicitly, it is a failure
    (failure,) = read_paths([gold])
    assert isinstance(failure, ReadFailure) and "no 'text'" in failure.reason


def test_stdin_text_and_jsonl() -> None:
    (article,) = read_stdin(stream=io.BytesIO(b" date 2024-04-04 De bokser won."))
    assert isinstance(article, Article)
    assert (article.date, article.source) == ("2024-04-04", "-")
    assert article.id.startswith("stdin-") and len(article.id) == len("stdin-") + 12
    lines = b'{"id": "s1", "text": "Zij won."}\n{"id": "s2", "text": "She won the race."}\n'
    articles = by_id(list(read_stdin(stream=io.BytesIO(lines), lang="nl")))
    assert set(articles) == {"s1", "s2"} and articles["s2"].lang == "nl"


def test_stdin_empty_and_oversized() -> None:
    (empty,) = read_stdin(stream=io.BytesIO(b""))
    assert isinstance(empty, ReadFailure) and empty.source == "-" and "empty" in empty.reason
    (big,) = read_stdin(stream=io.BytesIO(b"a " * 600), max_bytes=1000)
    assert isinstance(big, ReadFailure) and "too large" in big.reason


# ------------------------------------------------------------------ encodings


def test_utf8_bom_is_removed() -> None:
    (article,) = read_file(DATA / "bom.txt")
    assert isinstance(article, Article)
    assert article.date == "2024-03-02" and not article.text.startswith("\ufeff")
    assert article.text.startswith("Bokser Karim Aziz")


def test_latin1_is_detected_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        (article,) = read_file(DATA / "latin1.txt")
    assert isinstance(article, Article)
    assert "Eloïse Peeters" in article.text and "één renner" in article.text
    assert "latin1.txt" in caplog.text and "not UTF-8" in caplog.text


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(" date 2024-01-01 Zij won de wedstrijd in Zürich.".encode("utf-16"))
    (article,) = read_file(path)
    assert isinstance(article, Article) and article.text == "Zij won de wedstrijd in Zürich."


# ------------------------------------------------------------------ refused inputs


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("image.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("only_date.txt", "empty article"),
    ],
)
def test_bad_files_are_named_with_the_reason(name: str, reason: str) -> None:
    (failure,) = read_file(DATA / name)
    assert isinstance(failure, ReadFailure)
    assert failure.source.endswith(name) and reason in failure.reason
    assert name in str(failure)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("woord " * 400, encoding="utf-8")
    (failure,) = read_file(path, max_bytes=1000)
    assert isinstance(failure, ReadFailure) and "too large" in failure.reason
    assert "big.txt" in str(failure)
    (ok,) = read_file(path, max_bytes=10_000)
    assert isinstance(ok, Article)


def test_oversized_jsonl_record_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    big = json.dumps({"id": "big", "text": "x " * 5000})
    small = json.dumps({"id": "small", "text": "Hij won de rit."})
    path.write_text(small + "\n" + big + "\n" + small.replace("small", "after") + "\n")
    results = list(read_jsonl(path, max_bytes=2000))
    assert set(by_id(results)) == {"small", "after"}
    (failure,) = [r for r in results if isinstance(r, ReadFailure)]
    assert failure.source.endswith("r.jsonl:2") and "too large" in failure.reason


def test_one_bad_file_never_stops_the_others(tmp_path: Path) -> None:
    results = list(
        read_paths(
            [DATA / "image.txt", tmp_path / "missing.txt", DATA / "empty.txt", DATA / "plain.txt"]
        )
    )
    assert set(by_id(results)) == {"plain"}
    assert set(failures(results)) == {"image.txt", "missing.txt", "empty.txt"}
    assert "no such file" in failures(results)["missing.txt"]


def test_bad_options_raise_input_error() -> None:
    with pytest.raises(InputError, match="2025-02-30"):
        list(read_paths([DATA], date="2025-02-30"))
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        list(read_paths([DATA], date="yesterday"))
    with pytest.raises(InputError, match="ISO 639-1"):
        list(read_paths([DATA], lang="Dutch"))


def test_empty_directory_is_a_failure(tmp_path: Path) -> None:
    (failure,) = read_paths([tmp_path])
    assert isinstance(failure, ReadFailure) and "no files matching" in failure.reason


# ------------------------------------------------------------------ language detection


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Zij heeft de wedstrijd gewonnen en is nu de snelste van het land.", "nl"),
        ("She has won the race and is now the fastest in the country.", "en"),
        ("De Amerikaanse bokser won het gevecht tegen de Britse kampioen.", "nl"),
        ("The Dutch skater beat her compatriot in the final pair.", "en"),
        ("Die Läuferin hat das Rennen gewonnen und ist nun die Schnellste im Land.", "de"),
        ("La patineuse a gagné la course et elle est maintenant la plus rapide du pays.", "fr"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_article_in_an_unsupported_language_is_skipped_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "bericht.txt"
    path.write_text(
        " date 2026-01-05 \nDie Schwimmerin hat am Montag in Berlin gewonnen, nachdem sie "
        "auch im Jahr davor die Beste war. Ihre Trainerin ist sehr zufrieden mit dem Ergebnis.\n",
        encoding="utf-8",
    )
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)
    assert "German (de)" in failure.reason and "supported: nl, en" in failure.reason
    record = json.dumps({"id": "r", "text": "Le nageur a gagné la course et il est content."})
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(record + "\n", encoding="utf-8")
    (failure,) = read_jsonl(jsonl)
    assert isinstance(failure, ReadFailure) and "French (fr)" in failure.reason


def test_an_unsupported_language_option_is_refused() -> None:
    with pytest.raises(InputError, match="not supported"):
        list(read_paths([DATA], lang="de"))


def test_detection_without_function_words_defaults_to_dutch() -> None:
    guess = guess_language("Leerdam Kok Paul 1000 500")
    assert guess.lang == "nl" and guess.confidence == 0.0


# ------------------------------------------------------------------ arbitrary input


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_arbitrary_bytes_give_an_article_or_a_failure(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    results = list(read_file(path))
    assert len(results) == 1
    (result,) = results
    if isinstance(result, Article):
        assert result.text.strip() and result.lang in ("nl", "en")  # never de/fr: skipped
        assert result.id == "any"
    else:
        assert result.source == str(path) and result.reason


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(st.text(max_size=80), max_size=6))
def test_arbitrary_jsonl_lines_never_crash(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "any.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8")
    for result in read_jsonl(path):
        assert isinstance(result, Article | ReadFailure)


def test_jsonl_file_larger_than_the_limit_is_streamed_by_record(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    record = {"text": "De schaatsster won de race en zij was blij met het goud. " * 5}
    path.write_text("".join(json.dumps({**record, "id": f"r{i}"}) + "\n" for i in range(40)))
    assert path.stat().st_size > 5000
    results = list(read_file(path, max_bytes=2000))
    assert len(by_id(results)) == 40 and not failures(results)


def test_index_beside_text_articles_gives_url_language_and_date(tmp_path: Path) -> None:
    from sportkg.extract.readers import read_paths

    (tmp_path / "a.txt").write_text("Kok won goud in Heerenveen.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2025-01-02 Kok won goud.", encoding="utf-8")
    (tmp_path / "index.tsv").write_text(
        "file\tlang\tdate\turl\n"
        "a.txt\tnl\t2025-03-04\thttps://example.org/nieuws/kok\n"
        "b.txt\tnl\t2025-09-09\t(no address: a note)\n", encoding="utf-8")
    found = {a.id: a for a in read_paths([tmp_path]) if isinstance(a, Article)}
    assert (found["a"].url, found["a"].lang, found["a"].date) == (
        "https://example.org/nieuws/kok", "nl", "2025-03-04")
    assert found["b"].url is None and found["b"].date == "2025-01-02"  # the file's own wins


def test_an_index_date_of_unknown_leaves_the_article_undated(tmp_path: Path) -> None:
    from sportkg.extract.readers import read_paths

    (tmp_path / "c.txt").write_text(" date unknown Kok won goud.", encoding="utf-8")
    (tmp_path / "index.tsv").write_text("file\tlang\tdate\turl\nc.txt\tnl\tunknown\t\n",
                                        encoding="utf-8")
    found = [a for a in read_paths([tmp_path]) if isinstance(a, Article)]
    assert len(found) == 1 and found[0].date is None
