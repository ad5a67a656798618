"""Read news articles from files, directories, JSON lines and stdin into `Article` records.

Formats:

- **reference format**: a text file whose first line starts with ` date YYYY-MM-DD `
  (or ` date unknown `); the rest of that line and every following line are the article.
- **header lines**: a text file that starts with `Key: value` lines (`date`, `title`,
  `url`, `lang`; any case), ended by a blank line or the first other line.
- **front matter**: a text file that starts with a `---` line, then `key: value` lines
  (`date`, `title`, `url`, `lang`; other keys are ignored), then a `---` line.
- **plain text**: any other text file; the date comes from the `date` option (or is unknown).
- **JSON lines** (`.jsonl`, `.ndjson`): one record per line with `text` and optional
  `id`, `lang`, `date` (or `published`), `url`, `title`; two records with one `id` in a
  file are an error naming both lines.
- **directories**: searched recursively for files matching `glob`; with the default
  glob `"*"` only article files (`.txt`, `.text`, `.jsonl`, `.ndjson`) are taken, so an
  index or gold file lying next to the articles is not mistaken for one.
- **stdin** (`"-"`): JSON lines when the first non-blank character is `{`, text otherwise.

The language comes from the record, else the `lang` option, else function-word detection
(`sportkg.extract.langdetect`). A date stated in a file wins over the `date` option; an
article left without a date is read, with a warning naming it, and its relative dates
("dinsdag", "last year") stay unresolved. Files are decoded as UTF-8 (with or without
BOM); a file of mostly UTF-8 lines with some that are not is decoded line by line (UTF-8,
else cp1252, else latin-1); other encodings are detected with charset-normalizer. Both
are logged as a warning. Binary, empty and
oversized files are not articles: every reader yields a `ReadFailure` naming the file and
the problem instead of raising, so one bad file never stops the others.

Examples:
    >>> article = parse_text(" date 2026-02-09 Kok won goud.", source="x.txt")
    >>> (article.id, article.date, article.text, article.lang)
    ('x', '2026-02-09', 'Kok won goud.', 'nl')
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import IO, Any, TypeAlias

from ..errors import InputError
from ..model import Article
from .langdetect import LANGUAGE_NAMES, SUPPORTED, detect_language

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Files (and JSON-lines records) larger than this are rejected as oversized."""

ARTICLE_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
"""Encodings tried first for text that is not UTF-8."""

_DATE_LINE = re.compile(
    r"^\ufeff?[ \t]*date[ \t]+(?P<date>\d[\d/.-]*|unknown)(?:[ \t]*\r?\n|[ \t]+|$)"
)
_HEADER_LINE = re.compile(
    r"^[ \t]*(?P<key>date|title|url|lang|language)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$",
    re.IGNORECASE,
)
_FRONT_KEY = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_FRONT_FENCE = re.compile(r"^---[ \t]*$")
_MAX_HEADER_LINES = 50
HEADER_KEYS = ("date", "title", "url", "lang")
"""The keys read from header lines and front matter ("language" is taken as "lang")."""
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")
_BINARY_SAMPLE = 8192
_CONTROL_CHARS = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read as an article, with the reason.

    Attributes:
        source: the file (or `file:line` for a JSON-lines record, `-` for stdin).
        reason: one line saying what is wrong, e.g. "binary file (not text)".
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


ReadResult: TypeAlias = Article | ReadFailure
"""What the readers yield: an article, or a failure that names the input."""


def read_paths(
    paths: Iterable[str | Path],
    *,
    glob: str = "*",
    lang: str | None = None,
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    exclude: Iterable[str | Path] = (),
) -> Iterator[ReadResult]:
    """Read every article under `paths`: files, directories (recursive) and `-` for stdin.

    Args:
        paths: files, directories or "-".
        glob: file-name pattern inside directories; "*" takes article files only.
        lang: language for inputs that do not state one ("nl", "en"); None detects it.
        date: publication date "YYYY-MM-DD" for inputs that do not state one.
        max_bytes: larger files and records are rejected.
        exclude: files to skip (e.g. the gold file of an evaluation lying among the articles).

    Yields:
        An `Article` per article read, a `ReadFailure` per input that could not be read.

    Raises:
        InputError: when `lang` or `date` is malformed (a usage error, not a bad file).
    """
    _check_options(lang=lang, date=date)
    for item in input_files(paths, glob=glob, exclude=exclude):
        if isinstance(item, ReadFailure):
            yield item
        elif isinstance(item, str):
            yield from read_stdin(lang=lang, date=date, max_bytes=max_bytes)
        else:
            path, discovered = item
            yield from read_file(
                path, lang=lang, date=date, max_bytes=max_bytes, discovered=discovered
            )


def input_files(
    paths: Iterable[str | Path], *, glob: str = "*", exclude: Iterable[str | Path] = ()
) -> Iterator[tuple[Path, bool] | str | ReadFailure]:
    """The inputs `read_paths` reads, without reading them (e.g. to size a progress bar).

    Yields:
        ("-" for stdin), (path, found_in_a_directory) per file, or a ReadFailure for a
        path that does not exist or a directory without matching files.
    """
    check_glob(glob)
    skip = {Path(p).resolve() for p in exclude}
    for raw in paths:
        if str(raw) == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            unreadable: list[tuple[Path, str]] = []
            files = _directory_files(path, glob=glob, unreadable=unreadable)
            for folder, reason in unreadable:
                yield ReadFailure(str(folder), f"directory cannot be read: {reason}")
            if not files and not unreadable:
                yield ReadFailure(str(path), f"directory has no files matching {glob!r}")
            for file in files:
                if file.resolve() not in skip:
                    yield file, True
        elif path.is_file():
            if path.resolve() not in skip:
                yield path, False
        else:
            yield ReadFailure(str(path), _missing_reason(path))


def check_glob(glob: str) -> None:
    """Refuse a `--glob` pattern that could reach outside the directory it is applied in.

    Examples:
        >>> check_glob("*.txt"), check_glob("2025/**/*.jsonl")
        (None, None)
        >>> check_glob("../*")
        Traceback (most recent call last):
        ...
        sportkg.errors.InputError: glob '../*' must stay inside the directory (...)

    Raises:
        InputError: the pattern is empty, absolute or has a '..' part.
    """
    parts = glob.replace("\\", "/").split("/")
    if not glob or glob.startswith(("/", "~")) or ".." in parts or Path(glob).is_absolute():
        raise InputError(
            f"glob {glob!r} must stay inside the directory (no absolute path, no '..')"
        )


def _missing_reason(path: Path) -> str:
    """Why `path` is neither a file nor a directory: a link loop, a broken link, ..."""
    import errno
    import os

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back to itself)"
        if path.is_symlink():
            return f"broken symbolic link (it points to {os.readlink(path)!r}, which is missing)"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"cannot be reached: {exc.strerror}"
        if exc.errno == errno.ENOTDIR:
            return "no such file or directory (a part of the path is a file)"
        return "no such file or directory"
    return "not a regular file or directory"


def read_file(
    path: str | Path,
    *,
    lang: str | None = None,
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    discovered: bool = False,
) -> Iterator[ReadResult]:
    """Read one file: JSON lines by suffix, else a reference-format or plain text article.

    Args:
        path: the file.
        lang: language when the file does not state one; None detects it.
        date: publication date when the file does not state one.
        max_bytes: larger text files (and JSON-lines records) are rejected.
        discovered: the file was found in a directory rather than named; a JSON-lines
            file of other records (no `text`) is then skipped with a warning, not a failure.

    Yields:
        The article(s) of the file, or one `ReadFailure`.
    """
    _check_options(lang=lang, date=date)
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield ReadFailure(name, f"cannot read: {exc.strerror or exc}")
        return
    if size == 0:
        yield ReadFailure(name, "empty file")
        return
    is_jsonl = path.suffix.lower() in JSONL_SUFFIXES
    if size > max_bytes and not is_jsonl:  # JSON lines are streamed: the limit is per record
        yield ReadFailure(name, f"file too large ({_mb(size)} > limit {_mb(max_bytes)})")
        return
    if is_jsonl:
        try:
            with path.open("rb") as stream:
                yield from _read_jsonl_stream(
                    stream,
                    name=name,
                    lang=lang,
                    date=date,
                    max_bytes=max_bytes,
                    discovered=discovered,
                )
        except OSError as exc:
            yield ReadFailure(name, f"cannot read: {exc.strerror or exc}")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(name, f"cannot read: {exc.strerror or exc}")
        return
    entry = index_entry(path)
    found = _text_article(data, source=name, doc_id=path.stem,
                          lang=lang or entry.get("lang"), date=date or entry.get("date"))
    if isinstance(found, Article) and entry.get("url") and not found.url:
        found = dataclasses.replace(found, url=entry["url"])
    yield found


INDEX_NAME = "index.tsv"
"""The sidecar beside text articles: a header `file lang date url`, one row per file."""


def index_entry(path: Path) -> dict[str, str]:
    """What the `index.tsv` beside a text article says of it: lang, date and url (http[s]).

    The file's own header lines win over the index; a cell that is no URL (a note in the
    url column) is left out, and so is a date of "unknown". A missing or unreadable index
    says nothing.
    """
    table = _index(str(path.parent))
    row = table.get(path.name, {})
    out = {k: v for k, v in row.items() if k in ("lang", "date") and v and v != "unknown"}
    url = row.get("url", "")
    if url.startswith(("http://", "https://")) and " " not in url:
        out["url"] = url
    return out


@functools.lru_cache(maxsize=256)
def _index(folder: str) -> dict[str, dict[str, str]]:
    """The rows of a folder's `index.tsv` by file name (read once per folder)."""
    import csv

    try:
        with (Path(folder) / INDEX_NAME).open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return {row["file"]: row for row in rows if row.get("file")}


def read_jsonl(
    path: str | Path,
    *,
    lang: str | None = None,
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read a JSON-lines file of article records, one record at a time (bounded memory).

    Each record needs `text`; `id` defaults to `<file stem>-<line number>`, `lang` to the
    `lang` option or detection, `date` to the `date` option. A bad record becomes a
    `ReadFailure` naming `file:line` and the rest of the file is still read.
    """
    _check_options(lang=lang, date=date)
    path = Path(path)
    try:
        with path.open("rb") as stream:
            yield from _read_jsonl_stream(
                stream, name=str(path), lang=lang, date=date, max_bytes=max_bytes
            )
    except OSError as exc:
        yield ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")


def parse_json_line(line: str | bytes) -> Any:
    """One JSON value from a line, refusing what later steps could not carry.

    Beyond invalid JSON, the value is refused when it nests too deeply, holds an
    integer too long for Python to read (over 4,300 digits) or a string with a lone
    surrogate (an escape such as ``"\\ud800"``, which is not a character and cannot be
    written as UTF-8).

    Examples:
        >>> parse_json_line('{"doc": "a"}')
        {'doc': 'a'}
        >>> parse_json_line(r'{"doc": "\\ud800"}')
        Traceback (most recent call last):
        ...
        sportkg.errors.InputError: not valid text: a lone surrogate U+D800 (...)

    Raises:
        InputError: naming the problem (the caller adds the file and line).
    """
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise InputError("nested too deeply") from None
    except ValueError as exc:  # an integer over sys.get_int_max_str_digits() digits
        raise InputError(f"not readable: {str(exc).split(';')[0]}") from None
    text = line if isinstance(line, str) else line.decode("utf-8", "replace")
    if "\\u" in text:
        _check_surrogates(data)
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_surrogates(value: Any) -> None:
    """Raise InputError when a string in `value` (keys included) holds a lone surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                raise InputError(
                    f"not valid text: a lone surrogate U+{ord(found.group()):04X} "
                    "(an escape such as \\ud800 that is no character)"
                )
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def json_lines(path: Path, *, what: str) -> Iterator[tuple[int, Any]]:
    """The parsed non-blank lines of a small JSON-lines file (gold facts, statements).

    Args:
        path: the file.
        what: what the file holds, for the error message ("statements", "gold file").

    Yields:
        (line number, the line's JSON value); the caller checks the value's shape.

    Raises:
        InputError: naming the file when it cannot be read, `file:line` on a line that is
            not JSON.
    """
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what}: {exc.strerror or exc}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = parse_json_line(line)
            except InputError as exc:
                raise InputError(f"{path}:{number}: {exc}") from None
            yield number, data


def read_stdin(
    *,
    lang: str | None = None,
    date: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stream: IO[bytes] | None = None,
) -> Iterator[ReadResult]:
    """Read articles from standard input (`-`): JSON lines or one text article.

    Args:
        lang: language when the input does not state one.
        date: publication date when the input does not state one.
        max_bytes: larger input is rejected.
        stream: a binary stream to read instead of `sys.stdin` (for embedding and tests).
    """
    _check_options(lang=lang, date=date)
    source = stream if stream is not None else sys.stdin.buffer
    head = source.read(_BINARY_SAMPLE)
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first == b"{":
        yield from _read_jsonl_stream(
            _Prefixed(head, source), name="-", lang=lang, date=date, max_bytes=max_bytes
        )
        return
    data = head + source.read(max(0, max_bytes + 1 - len(head)))
    if len(data) > max_bytes:
        yield ReadFailure("-", f"input too large (> limit {_mb(max_bytes)})")
        return
    if not data:
        yield ReadFailure("-", "empty input")
        return
    yield _text_article(data, source="-", doc_id=stdin_name(data), lang=lang, date=date)


def stdin_name(content: bytes | str) -> str:
    """The name of an article read from stdin without one: `stdin-` and 12 hex digits of
    its content hash, so two different piped articles never replace each other.

    Examples:
        >>> stdin_name("Anna won.")
        'stdin-7ee5ab1a0b6d'
    """
    import hashlib

    data = content.encode("utf-8") if isinstance(content, str) else content
    return "stdin-" + hashlib.sha256(data).hexdigest()[:12]


def parse_text(
    text: str,
    *,
    source: str,
    doc_id: str | None = None,
    lang: str | None = None,
    date: str | None = None,
) -> Article:
    """Make an Article of decoded text in the reference, header, front-matter or plain format.

    Args:
        text: the file content.
        source: where it came from (names the article in messages).
        doc_id: the article id; defaults to the stem of `source`.
        lang: language when the text states none; None detects it.
        date: publication date used when the text states none (or ` date unknown `).

    Raises:
        InputError: naming `source`, when the article has no text, or its date is not a
            calendar date YYYY-MM-DD, or its language is not one sportkg reads.

    Examples:
        >>> article = parse_text("---\\ndate: 2025-05-04\\ntitle: Goud\\n---\\nKok won goud.",
        ...                      source="a.txt")
        >>> (article.date, article.title, article.text)
        ('2025-05-04', 'Goud', 'Kok won goud.')
    """
    text = text.removeprefix("\ufeff")
    fields: dict[str, str] = {}
    match = _DATE_LINE.match(text)
    if match:
        stated = match.group("date")
        if stated != "unknown":
            fields["date"] = stated
        text = text[match.end() :]
    else:
        fields, text = _read_header(text, source=source)
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise InputError(f"{source}: empty article (no text)")
    published = fields.get("date") or date
    if fields.get("date"):
        _check_date(fields["date"], what=f"{source}: date")
    stated_lang = fields.get("lang")
    if stated_lang:
        _check_lang(stated_lang, what=f"{source}: lang {stated_lang!r}")
    if published is None:
        _warn_undated(source)
    return Article(
        id=doc_id if doc_id is not None else Path(source).stem,
        text=body,
        lang=stated_lang or lang or _supported_language(body, source),
        date=published,
        source=source,
        url=fields.get("url") or None,
        title=fields.get("title") or None,
    )


def _read_header(text: str, *, source: str) -> tuple[dict[str, str], str]:
    """The fields of the front matter or header lines at the top of `text`, and the rest.

    Text without either comes back whole with no fields.
    """
    lines = text.splitlines(keepends=True)
    if lines and _FRONT_FENCE.match(lines[0].rstrip("\r\n")):
        fields: dict[str, str] = {}
        for number, line in enumerate(lines[1:_MAX_HEADER_LINES], start=2):
            content = line.rstrip("\r\n")
            if _FRONT_FENCE.match(content):
                return fields, "".join(lines[number:])
            if not content.strip() or content.lstrip().startswith("#"):
                continue
            item = _FRONT_KEY.match(content)
            if item is None:
                raise InputError(
                    f"{source}:{number}: front matter line is not 'key: value' "
                    "(or the closing '---' is missing)"
                )
            key = item.group("key").lower()
            key = "lang" if key == "language" else key
            if key in HEADER_KEYS:
                fields[key] = _unquoted(item.group("value"))
        raise InputError(f"{source}: front matter opened with '---' is never closed")
    fields = {}
    consumed = 0
    for line in lines[:_MAX_HEADER_LINES]:
        item = _HEADER_LINE.match(line.rstrip("\r\n"))
        if item is None:
            break
        key = item.group("key").lower()
        fields["lang" if key == "language" else key] = _unquoted(item.group("value"))
        consumed += 1
    if not fields:
        return {}, text
    if consumed < len(lines) and not lines[consumed].strip():
        consumed += 1  # the blank line that ends the header
    return fields, "".join(lines[consumed:])


def _unquoted(value: str) -> str:
    """A front-matter value without the quotes YAML allows around it."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _warn_undated(source: str) -> None:
    """One warning naming an article without a publication date."""
    log.warning(
        "%s: no publication date (give one with --date, a 'date:' line or ' date "
        "YYYY-MM-DD'); its relative dates ('on Tuesday') stay unresolved", source
    )


def decode(data: bytes, *, source: str) -> str:
    """Decode file bytes: UTF-8 (BOM or not) or UTF-16 with BOM, else a detected encoding.

    Detection uses charset-normalizer, trying the Western European encodings news in Dutch
    and English come in (cp1252, latin-1, latin-9) first, because short texts give the
    general detector too little to tell those from Baltic or Cyrillic code pages.
    The encoding used is logged as a warning naming the file.

    Raises:
        InputError: for binary data or bytes no text encoding explains.
    """
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{source}: invalid UTF-16 text") from None
            log.warning("%s: not UTF-8, read as UTF-16", source)
            return _checked_text(text, source=source)
    if _looks_binary(data[:_BINARY_SAMPLE]):
        raise InputError(f"{source}: binary file (not text)")
    try:
        return _checked_text(data.decode("utf-8-sig"), source=source)
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data, source=source)
    if mixed is not None:
        return _checked_text(mixed, source=source)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(WESTERN_ENCODINGS)).best()
    if best is None or best.chaos > 0.2:
        best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{source}: not text in any known encoding")
    log.warning("%s: not UTF-8, read as %s", source, best.encoding)
    return _checked_text(str(best), source=source)


def _decode_mixed(data: bytes, *, source: str) -> str | None:
    """Text whose lines are UTF-8 except a few, decoded line by line; None when no line is
    UTF-8 beyond ASCII (then the file is in one other encoding, left to detection).

    A line that is not UTF-8 is read as cp1252 (latin-1 with the typographic quotes and
    the euro sign), else latin-1; the lines are named in one warning.
    """
    lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    out: list[str] = []
    other: list[int] = []
    utf8_beyond_ascii = False
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
            utf8_beyond_ascii = utf8_beyond_ascii or not line.isascii()
        except UnicodeDecodeError:
            other.append(number)
            try:
                text = line.decode("cp1252")
            except UnicodeDecodeError:
                text = line.decode("latin-1")
        out.append(text)
    if not utf8_beyond_ascii:
        return None
    shown = ", ".join(map(str, other[:5])) + (" ..." if len(other) > 5 else "")
    log.warning("%s: line(s) %s not UTF-8, read as cp1252/latin-1", source, shown)
    return "\n".join(out)


def _decode_line(raw: bytes, *, where: str) -> str:
    """One JSON-lines record: UTF-8, else cp1252, else latin-1 (with a warning naming it)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    log.warning("%s: record not UTF-8, read as cp1252/latin-1", where)
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _checked_text(text: str, *, source: str) -> str:
    if _looks_binary(text[:_BINARY_SAMPLE]):
        raise InputError(f"{source}: binary file (not text)")
    return text


def _text_article(
    data: bytes, *, source: str, doc_id: str, lang: str | None, date: str | None
) -> ReadResult:
    try:
        return parse_text(
            decode(data, source=source), source=source, doc_id=doc_id, lang=lang, date=date
        )
    except InputError as exc:
        return ReadFailure(source, str(exc).removeprefix(f"{source}: "))


def _read_jsonl_stream(
    stream: IO[bytes] | _Prefixed,
    *,
    name: str,
    lang: str | None,
    date: str | None,
    max_bytes: int,
    discovered: bool = False,
) -> Iterator[ReadResult]:
    stem = "stdin" if name == "-" else Path(name).stem
    seen = 0
    ids: dict[str, int] = {}
    for number, raw in enumerate(_lines(stream, limit=max_bytes), start=1):
        where = f"{name}:{number}"
        if raw is None:
            yield ReadFailure(where, f"record too large (> limit {_mb(max_bytes)})")
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen += 1
        try:
            record = parse_json_line(_decode_line(raw, where=where))
            if seen == 1 and isinstance(record, dict) and "text" not in record:
                # A JSON-lines file of something else (gold facts, statements): one message.
                if discovered:
                    log.warning("%s: skipped, its records have no 'text' (not articles)", name)
                else:
                    yield ReadFailure(name, "not an articles file: first record has no 'text'")
                return
            article = _record_article(
                record,
                where=where,
                default_id=(
                    stdin_name(record["text"])
                    if name == "-" and isinstance(record, dict)
                    and isinstance(record.get("text"), str)
                    else f"{stem}-{number}"
                ),
                source=name,
                lang=lang,
                date=date,
            )
            first = ids.setdefault(article.id, number)
            if first != number:
                yield ReadFailure(
                    where, f"duplicate id {article.id!r}: also the id of line {first} "
                    "(ids must be unique in a file; this record is skipped)"
                )
                continue
            yield article
        except InputError as exc:  # parse_json_line says what is wrong with the line
            yield ReadFailure(where, str(exc))
    if seen == 0:
        yield ReadFailure(name, "empty file (no JSON-lines records)")


def _record_article(
    record: Any,
    *,
    where: str,
    default_id: str,
    source: str,
    lang: str | None,
    date: str | None,
) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"record must be a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("record has no 'text' string")
    if not text.strip():
        raise InputError("record has an empty 'text'")
    value = record.get("id")
    if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
        raise InputError(f"record field 'id' must be a string, got {value!r}")
    for key in ("lang", "date", "published", "url", "title"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(
                f"record field {key!r} must be a string, got {json.dumps(value)[:40]}"
                + (" (write dates as \"YYYY-MM-DD\")" if key in ("date", "published") else "")
            )
    stated = record.get("date") or None
    also = record.get("published") or None
    if stated and also and stated != also:
        raise InputError(f"record fields 'date' {stated!r} and 'published' {also!r} disagree")
    rec_lang = record.get("lang") or lang
    if rec_lang is not None:
        _check_lang(str(rec_lang), what=f"record field 'lang' {rec_lang!r}")
    rec_date = stated or also or date
    if rec_date is not None:
        _check_date(str(rec_date), what="record field 'date'")
    else:
        _warn_undated(where)
    return Article(
        id=str(record["id"]) if record.get("id") not in (None, "") else default_id,
        text=text,
        lang=str(rec_lang) if rec_lang else _supported_language(text, where),
        date=str(rec_date) if rec_date else None,
        source=source,
        url=record.get("url") or None,
        title=record.get("title") or None,
    )


class _Prefixed:
    """A binary stream with bytes already read put back in front (for sniffing stdin)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0:
                out, self._head = self._head + self._rest.read(), b""
                return out
            out, self._head = self._head[:size], self._head[size:]
            if len(out) < size:
                out += self._rest.read(size - len(out))
            return out
        return self._rest.read(size)


def _lines(stream: IO[bytes] | _Prefixed, *, limit: int) -> Iterator[bytes | None]:
    """Split a binary stream into lines in 64 KiB reads; a line over `limit` yields None."""
    buffer = b""
    too_long = False
    while True:
        chunk = stream.read(65536)
        if not chunk:
            break
        buffer += chunk
        while True:
            cut = buffer.find(b"\n")
            if cut < 0:
                break
            line, buffer = buffer[:cut], buffer[cut + 1 :]
            yield None if too_long or len(line) > limit else line
            too_long = False
        if len(buffer) > limit:
            too_long, buffer = True, b""
    if buffer or too_long:
        yield None if too_long or len(buffer) > limit else buffer


def _directory_files(
    directory: Path, *, glob: str, unreadable: list[tuple[Path, str]] | None = None
) -> list[Path]:
    """The files under `directory` matching `glob`; folders that cannot be listed are
    added to `unreadable` with the reason (the search itself passes them by)."""
    import os

    if unreadable is not None:
        def note(exc: OSError) -> None:
            where = Path(exc.filename) if exc.filename else directory
            relative = where.relative_to(directory) if where.is_relative_to(directory) else where
            if not any(part.startswith(".") for part in relative.parts):
                unreadable.append((where, exc.strerror or str(exc)))

        for _ in os.walk(directory, onerror=note):
            pass
    files = []
    for path in sorted(directory.rglob(glob)):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if glob == "*" and path.suffix.lower() not in ARTICLE_SUFFIXES | JSONL_SUFFIXES:
            log.debug("%s: skipped (not an article file)", path)
            continue
        files.append(path)
    return files


def _looks_binary(sample: bytes | str) -> bool:
    if not sample:
        return False
    if isinstance(sample, bytes):
        if b"\x00" in sample:
            return True
        return False
    controls = sum(1 for c in sample if c in _CONTROL_CHARS)
    return controls / len(sample) > 0.01


def _check_options(*, lang: str | None, date: str | None) -> None:
    if lang is not None:
        _check_lang(lang, what=f"language {lang!r}")
    if date is not None:
        _check_date(date, what="date option")


def _check_lang(lang: str, *, what: str) -> None:
    if not _LANG_CODE.match(lang):
        raise InputError(f"{what} is not an ISO 639-1 code such as 'nl' or 'en'")
    if lang not in SUPPORTED:
        raise InputError(f"{what} is not supported (supported: {', '.join(SUPPORTED)})")


def _supported_language(text: str, source: str) -> str:
    """The detected language of an article, or an error when sportkg cannot read it."""
    lang = detect_language(text)
    if lang not in SUPPORTED:
        name = LANGUAGE_NAMES.get(lang, lang)
        raise InputError(
            f"{source}: written in {name} ({lang}), which sportkg has no pipeline for "
            f"(supported: {', '.join(SUPPORTED)})"
        )
    return lang


def _check_date(value: str, *, what: str) -> None:
    if not _ISO_DATE.match(value):
        raise InputError(f"{what} {value!r} is not a date YYYY-MM-DD")
    try:
        _date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what} {value!r} is not a valid calendar date") from None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
