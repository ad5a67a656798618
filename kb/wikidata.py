"""A polite Wikidata Query Service client on SPARQLWrapper, with retries and an on-disk cache.

`WikidataClient` sends SELECT and CONSTRUCT queries to a SPARQL endpoint
(default: the Wikidata Query Service; any SPARQL 1.1 endpoint holding
Wikidata-format data works, e.g. a local Oxigraph server):

- a descriptive User-Agent with a contact, as Wikimedia's User-Agent policy asks;
- a deadline per request (the whole request, not each socket read);
- retries with exponential backoff on 429 and 5xx answers and on timeouts,
  honouring a `Retry-After` header (seconds or an HTTP date, capped at 60 s, with a
  warning saying how long it waits);
- VALUES batching (`select_values`, `construct_values`) and LIMIT/OFFSET
  paging (`select_pages`), so long lists become many small requests;
- an on-disk cache keyed by endpoint, format and query text, with an expiry;
- an offline mode that answers from the cache only and never opens a socket.

Every failure is a `LinkingError` naming the endpoint and the problem
(unreachable, timed out, HTML or empty answer, malformed JSON or Turtle).

Examples:
    >>> client = WikidataClient(offline=True, cache_dir=None)
    >>> client.endpoint
    'https://query.wikidata.org/sparql'
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import time
import urllib.error
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..errors import ConfigError, LinkingError

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
"""The Wikidata Query Service."""

CONTACT = os.environ.get("SPORTKG_CONTACT", "+https://w3id.org/sportkg")
"""Contact in the User-Agent: the project page by default; set the SPORTKG_CONTACT
environment variable to your own e-mail address or page, as Wikimedia asks of heavy users."""

USER_AGENT = f"sportkg/{__version__} ({CONTACT}) SPARQLWrapper/2"
"""User-Agent per https://meta.wikimedia.org/wiki/User-Agent_policy."""

DEFAULT_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sportkg"
"""Where answers are cached (one file per query)."""

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
"""HTTP statuses worth retrying."""

MAX_RETRY_AFTER = 60.0
"""The longest wait a Retry-After header gets (a longer one is cut to this, with a warning)."""

T = TypeVar("T")

_GET_LIMIT = 1800
"""Queries longer than this (in characters, URL-encoded) are sent by POST."""


@dataclass(frozen=True)
class Binding:
    """One value of a SELECT solution: its kind ("uri", "literal", "bnode"), value, lang, type."""

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None


Row = dict[str, Binding]
"""One SELECT solution: variable name -> value."""


class WikidataClient:
    """Queries a (Wikidata-format) SPARQL endpoint politely and caches the answers.

    Args:
        endpoint: SPARQL query URL.
        user_agent: the User-Agent header; keep a contact in it.
        timeout: seconds one request may take in all, the answer read included.
        retries: how many times a failed request (429, 5xx, timeout) is retried.
        backoff: first wait in seconds; doubled on each retry.
        max_wait: cap of a single wait, also for long Retry-After values.
        cache_dir: cache directory, or None for no cache.
        cache_ttl: seconds an answer stays fresh.
        offline: answer from the cache only (stale answers allowed), never touch the network.
    """

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 60.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        cache_dir: Path | None = DEFAULT_CACHE_DIR,
        cache_ttl: float = 7 * 24 * 3600.0,
        offline: bool = False,
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"endpoint {endpoint!r} is not an http(s) URL")
        if timeout <= 0 or retries < 0 or backoff < 0:
            raise ConfigError("timeout must be > 0, retries and backoff >= 0")
        self.endpoint = endpoint
        self.user_agent = user_agent
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.cache_dir = None if cache_dir is None else Path(cache_dir) / "wikidata"
        self.cache_ttl = cache_ttl
        self.offline = offline
        self.requests = 0
        """Number of HTTP requests sent (for tests and reports)."""

    # ------------------------------------------------------------------ public
    def select(self, query: str) -> list[Row]:
        """Run a SELECT query; the solutions as rows of `Binding`s."""
        body = self._fetch(query, "json")
        try:
            data = json.loads(body.decode("utf-8"))
            rows = data["results"]["bindings"]
            return [
                {
                    var: Binding(
                        kind=str(val["type"]).replace("typed-literal", "literal"),
                        value=str(val["value"]),
                        lang=val.get("xml:lang"),
                        datatype=val.get("datatype"),
                    )
                    for var, val in row.items()
                }
                for row in rows
            ]
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
            self._forget(query, "json")
            raise LinkingError(
                f"endpoint {self.endpoint} returned malformed SPARQL JSON results: {exc}"
            ) from exc

    def construct(self, query: str) -> str:
        """Run a CONSTRUCT query; the graph as Turtle text (checked by parsing it)."""
        body = self._fetch(query, "turtle")
        try:
            text = body.decode("utf-8")
            _check_turtle(text)
        except (UnicodeDecodeError, ValueError) as exc:
            self._forget(query, "turtle")
            raise LinkingError(
                f"endpoint {self.endpoint} returned malformed Turtle: {exc}"
            ) from exc
        return text

    def select_pages(self, query: str, *, page_size: int = 5000, max_rows: int | None = None,
                     values: str = "") -> Iterator[list[Row]]:
        """Run a SELECT in pages of `page_size` rows (LIMIT/OFFSET); the query must ORDER BY.

        Args:
            query: the SELECT query without LIMIT/OFFSET.
            page_size: rows per request.
            max_rows: stop after this many rows.
            values: a trailing VALUES clause (from `values_clause`), added after the paging.
        """
        offset = 0
        while True:
            limit = page_size if max_rows is None else min(page_size, max_rows - offset)
            if limit <= 0:
                return
            rows = self.select(f"{query}\nLIMIT {limit}\nOFFSET {offset}\n{values}")
            if rows:
                yield rows
            if len(rows) < limit:
                return
            offset += limit

    def construct_values(self, query: str, variable: str, iris: Sequence[str], *,
                         batch_size: int = 200) -> Iterator[str]:
        """Run a CONSTRUCT once per batch of `iris` bound to `?variable` by a VALUES clause."""
        for start in range(0, len(iris), batch_size):
            batch = iris[start : start + batch_size]
            yield self.construct(f"{query}\n{values_clause([variable], [[i] for i in batch])}")

    # ------------------------------------------------------------------ transport
    def _fetch(self, query: str, fmt: str) -> bytes:
        cached = self._cached(query, fmt)
        if cached is not None:
            return cached
        if self.offline:
            raise LinkingError(
                f"offline: no cached answer from {self.endpoint} for this query "
                "(run once without --offline to fill the cache)"
            )
        body = self._request(query, fmt)
        self._store(query, fmt, body)
        return body

    def _request(self, query: str, fmt: str) -> bytes:
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sparql = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        sparql.setQuery(query)
        sparql.setReturnFormat(JSON if fmt == "json" else TURTLE)
        sparql.timeout = self.timeout  # type: ignore[assignment]  # urlopen takes float seconds
        if len(query) > _GET_LIMIT:
            sparql.setMethod(POST)
        sparql.setOnlyConneg(True)
        attempt = 0
        while True:
            attempt += 1
            self.requests += 1
            wait: float | None = None
            try:
                body, ctype = _within(self.timeout, lambda: _fetch(sparql))
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES:
                    raise LinkingError(
                        f"endpoint {self.endpoint} answered HTTP {exc.code} {exc.reason}"
                    ) from exc
                problem = f"HTTP {exc.code}"
                wait = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
            except SPARQLWrapperException as exc:
                name = type(exc).__name__
                if name != "EndPointInternalError":
                    first = str(exc).splitlines()[0] if str(exc) else name
                    raise LinkingError(
                        f"endpoint {self.endpoint} rejected the query ({name}): {first[:200]}"
                    ) from exc
                problem = "HTTP 500"
            except TimeoutError:
                problem = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    problem = f"no answer within {self.timeout:g} s"
                else:
                    raise LinkingError(
                        f"endpoint {self.endpoint} is unreachable: {exc.reason}"
                    ) from exc
            except (ConnectionError, OSError) as exc:
                raise LinkingError(f"endpoint {self.endpoint} is unreachable: {exc}") from exc
            else:
                _check_body(self.endpoint, body, ctype)
                return body
            if attempt > self.retries:
                raise LinkingError(
                    f"endpoint {self.endpoint} failed after {attempt} attempts: {problem}"
                )
            if wait is not None:
                delay = min(wait, MAX_RETRY_AFTER, self.max_wait)
                log.warning("endpoint %s: %s with Retry-After %s s; waiting %g s before "
                            "retrying (Ctrl-C stops)", self.endpoint, problem, f"{wait:g}",
                            delay)
            else:
                delay = min(self.backoff * 2 ** (attempt - 1), self.max_wait)
                log.info("endpoint %s: %s, retrying in %.1f s", self.endpoint, problem, delay)
            time.sleep(delay)

    # ------------------------------------------------------------------ cache
    def _cache_path(self, query: str, fmt: str) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha256(f"{self.endpoint}\n{fmt}\n{query}".encode()).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.{fmt}"

    def _cached(self, query: str, fmt: str) -> bytes | None:
        path = self._cache_path(query, fmt)
        if path is None or not path.is_file():
            return None
        if not self.offline and time.time() - path.stat().st_mtime > self.cache_ttl:
            return None
        return path.read_bytes()

    def _store(self, query: str, fmt: str, body: bytes) -> None:
        path = self._cache_path(query, fmt)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(body)
            tmp.replace(path)
        except OSError as exc:  # a cache that cannot be written is not fatal
            log.warning("cannot write the query cache %s: %s", path, exc)

    def _forget(self, query: str, fmt: str) -> None:
        path = self._cache_path(query, fmt)
        if path is not None and path.is_file():
            path.unlink()


def _fetch(sparql: Any) -> tuple[bytes, str]:
    """Send the query; the answer's body and Content-Type."""
    response = sparql.query().response
    body: bytes = response.read()
    return body, response.headers.get("Content-Type", "") or ""


def _within(seconds: float, work: Callable[[], T]) -> T:
    """`work()`, or TimeoutError when it has not finished within `seconds` in all.

    A socket timeout bounds each read only, so a server that sends a byte now and then
    would hold a request for ever; this bounds the whole request. The abandoned request
    runs on in a daemon thread until its own socket timeout ends it.
    """
    import threading

    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            failure.append(exc)

    worker = threading.Thread(target=target, name="sportkg-wikidata", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"no answer within {seconds:g} s")
    if failure:
        raise failure[0]
    return outcome[0]


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _check_body(endpoint: str, body: bytes, content_type: str) -> None:
    """Refuse answers that are not SPARQL results: empty, or an HTML page."""
    if not body.strip():
        raise LinkingError(f"endpoint {endpoint} returned an empty response")
    head = body[:200].lstrip().lower()
    if "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html")):
        raise LinkingError(
            f"endpoint {endpoint} returned an HTML page, not SPARQL results "
            "(is the URL the SPARQL endpoint?)"
        )


def _check_turtle(text: str) -> None:
    """Parse `text` as Turtle; raises ValueError with the parser's message when it is not."""
    import rdflib

    try:
        rdflib.Graph().parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise ValueError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc


def values_clause(variables: Sequence[str], rows: Sequence[Sequence[str | None]]) -> str:
    """A SPARQL VALUES clause binding `variables` to IRIs (None: UNDEF), built with `n3()`.

    Examples:
        >>> values_clause(["item"], [["http://www.wikidata.org/entity/Q55"]])
        'VALUES (?item) {\\n  (<http://www.wikidata.org/entity/Q55>)\\n}'
    """
    from rdflib import URIRef

    head = " ".join(f"?{v}" for v in variables)
    lines = []
    for row in rows:
        if len(row) != len(variables):
            raise ConfigError(f"VALUES row {row!r} does not have {len(variables)} values")
        cells = " ".join("UNDEF" if v is None else URIRef(v).n3() for v in row)
        lines.append(f"  ({cells})")
    return f"VALUES ({head}) {{\n" + "\n".join(lines) + "\n}"


def literal_values_clause(variable: str, values: Sequence[tuple[str, str]]) -> str:
    """A VALUES clause binding `?variable` to language-tagged literals ((text, lang) pairs)."""
    from rdflib import Literal

    cells = "\n".join(f"  {Literal(text, lang=lang).n3()}" for text, lang in values)
    return f"VALUES ?{variable} {{\n{cells}\n}}"

