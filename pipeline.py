"""Articles in, Statements out: the extraction pipeline of sportkg.

`extract_articles` runs the sportkg spaCy pipeline of each article's language
(built once per language by `sportkg.extract.nlp.load_nlp`) and turns each
processed doc into Statements (`sportkg.extract.statements`). With
`n_process > 1` articles are spread over worker processes, each with its own
pipelines; results come back in input order.

Examples:
    >>> from sportkg.model import Article
    >>> text = "Schaatsster Femke van der Pol (24) won maandag goud."
    >>> article = Article(id="demo", text=text, lang="nl", date="2026-02-10")
    >>> [(s.property, str(s.value.label if hasattr(s.value, "label") else s.value.value))
    ...  for _, stmts in extract_articles([article], pipeline="rules") for s in stmts][:2]
    [('P166', 'gold medal'), ('P106', 'speed skater')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sportkg.model import Article, Statement

if TYPE_CHECKING:
    from spacy.language import Language

_CHUNK = 16


class _Pipelines:
    """One loaded pipeline per language, built on first use."""

    def __init__(self, pipeline: str, linker: bool) -> None:
        self.pipeline = pipeline
        self.linker = linker
        self._nlps: dict[str, Language] = {}

    def get(self, lang: str) -> Language:
        if lang not in self._nlps:
            from sportkg.extract.nlp import load_nlp

            self._nlps[lang] = load_nlp(lang, pipeline=self.pipeline, linker=self.linker)
        return self._nlps[lang]


def extract_article(nlp: Language, article: Article) -> list[Statement]:
    """The Statements of one article, using an already loaded pipeline."""
    from sportkg.extract.relations.engine import PUBLISHED_KEY
    from sportkg.extract.statements import doc_statements

    doc = nlp.make_doc(article.text)
    doc.user_data[PUBLISHED_KEY] = article.date
    doc = nlp(doc)
    return doc_statements(doc, article)


def extract_articles(
    articles: Iterable[Article],
    *,
    pipeline: str = "auto",
    n_process: int = 1,
    linker: bool = True,
) -> Iterator[tuple[Article, list[Statement]]]:
    """Extract Statements from articles, lazily, in input order.

    Args:
        articles: the articles (any iterable; consumed lazily).
        pipeline: "auto", "rules", "trained" or an installed spaCy package name
            (see `sportkg.extract.nlp.load_nlp`).
        n_process: worker processes; 1 runs in this process.
        linker: link mentions to the knowledge base (else minted IRIs only).

    Yields:
        (article, statements) pairs.

    Raises:
        ConfigError: when the pipeline cannot be loaded.
    """
    if n_process <= 1:
        pipelines = _Pipelines(pipeline, linker)
        for article in articles:
            yield article, extract_article(pipelines.get(article.lang), article)
        return
    yield from _parallel(articles, pipeline=pipeline, n_process=n_process, linker=linker)


_WORKER: _Pipelines | None = None


def _init_worker(pipeline: str, linker: bool) -> None:
    global _WORKER
    _WORKER = _Pipelines(pipeline, linker)


def _work(batch: list[Article]) -> list[list[Statement]]:
    assert _WORKER is not None
    return [extract_article(_WORKER.get(a.lang), a) for a in batch]


def _parallel(
    articles: Iterable[Article], *, pipeline: str, n_process: int, linker: bool
) -> Iterator[tuple[Article, list[Statement]]]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    from sportkg.extract.nlp import load_nlp

    load_nlp("en", pipeline=pipeline, linker=linker)  # fail early on a bad pipeline name
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=n_process, mp_context=context, initializer=_init_worker,
        initargs=(pipeline, linker),
    ) as pool:
        pending: list[tuple[list[Article], Future[list[list[Statement]]]]] = []
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= _CHUNK:
                pending.append((batch, pool.submit(_work, batch)))
                batch = []
                while len(pending) > 2 * n_process:
                    done_batch, future = pending.pop(0)
                    yield from zip(done_batch, future.result(), strict=True)
        if batch:
            pending.append((batch, pool.submit(_work, batch)))
        for done_batch, future in pending:
            yield from zip(done_batch, future.result(), strict=True)
