"""The one extraction engine (`sportkg.pipeline.extract`): outcomes per article on every
executor, long articles in parts everywhere, one pipeline cache, flat vocabulary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from sportkg import pipeline
from sportkg.extract.chunking import extract_in_parts
from sportkg.model import Article
from sportkg.pipeline import InProcess, Outcome, Processes, extract, extract_articles

STORY = (
    "Schaatsster Noor Vink (23) won zaterdag in Heerenveen de 1500 meter. "
    "Ze versloeg haar landgenote Lisa Dam. Haar vriend Joep Raaf juichte."
)
BROKEN = Article(id="broken", text=12345, lang="nl", source="broken.txt")  # type: ignore[arg-type]


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=STORY.replace("23", str(20 + i)), lang="nl",
                    date="2026-02-08", source=f"a{i}.txt") for i in range(n)]


def _long() -> Article:
    text = "\n\n".join(STORY.replace("Noor Vink", f"Noor Vink{'e' * i}") for i in range(12))
    return Article(id="long", text=text, lang="nl", date="2026-02-08", source="long.txt")


def _check_failure_is_per_article(outcomes: list[Outcome], articles: list[Article]) -> None:
    assert [o.article.id for o in outcomes] == [a.id for a in articles]
    (failed,) = [o for o in outcomes if o.failed]
    assert failed.article is BROKEN or failed.article.id == "broken"
    assert failed.error is not None and failed.error.startswith("extraction failed: TypeError")
    assert failed.statements == ()
    assert all(o.statements for o in outcomes if not o.failed)


def test_a_failing_article_is_an_outcome_and_the_others_go_on() -> None:
    articles = [*_articles(2), BROKEN, *_articles(4)[2:]]
    outcomes = list(extract(articles, pipeline="rules", linker=False))
    _check_failure_is_per_article(outcomes, articles)


@pytest.mark.slow
def test_a_failing_article_in_a_worker_process_does_not_stop_the_run() -> None:
    articles = [*_articles(2), BROKEN, *_articles(20)[2:]]
    outcomes = list(extract(articles, pipeline="rules", linker=False,
                            executor=Processes(2, batch_size=3)))
    _check_failure_is_per_article(outcomes, articles)
    here = list(extract(articles, pipeline="rules", linker=False))
    assert [o.statements for o in outcomes] == [o.statements for o in here]


def test_long_articles_are_cut_into_parts_by_the_engine() -> None:
    long = _long()
    expected = [
        s for _, found in extract_in_parts(
            [long], lambda parts: ((p, pipeline.extract_article(
                pipeline.pipeline_for(p.lang, pipeline="rules", linker=False), p))
                for p in parts), max_chars=400)
        for s in found
    ]
    (outcome,) = extract([long], pipeline="rules", linker=False, max_chars=400)
    assert list(outcome.statements) == expected and len(expected) > 12
    assert all(s.article_hash == long.hash for s in expected)
    assert max(s.evidence.end for s in expected) > 400


@pytest.mark.slow
def test_worker_processes_cut_long_articles_too() -> None:
    long = _long()
    (here,) = extract([long], pipeline="rules", linker=False, max_chars=400)
    (there,) = extract([long], pipeline="rules", linker=False, max_chars=400,
                       executor=Processes(2))
    assert there.statements == here.statements


def test_extract_articles_raises_at_a_failing_article() -> None:
    with pytest.raises(pipeline.ExtractionError, match="broken.txt: extraction failed"):
        list(extract_articles([BROKEN], pipeline="rules", linker=False))


def test_one_cache_builds_each_pipeline_once() -> None:
    pipeline.clear_pipelines()
    list(extract(_articles(3), pipeline="rules", linker=False))
    list(extract(_articles(3), pipeline="rules", linker=False, executor=InProcess()))
    assert pipeline.pipelines_loaded() == 1


def test_a_pipeline_is_built_again_after_its_share_of_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pipeline.clear_pipelines()
    monkeypatch.setattr(pipeline.PIPELINES, "renew_after", 2)
    found = [o.statements for o in extract(_articles(5), pipeline="rules", linker=False)]
    assert pipeline.pipelines_loaded() == 3
    monkeypatch.setattr(pipeline.PIPELINES, "renew_after", pipeline.RENEW_AFTER)
    pipeline.clear_pipelines()
    assert found == [o.statements for o in extract(_articles(5), pipeline="rules",
                                                   linker=False)]


def test_the_vocabulary_does_not_grow_with_the_articles() -> None:
    names = ["Brouwsma", "Kleinveld", "Ossendrijver", "Tjepkema", "Wubbolts", "Zandstra"]
    articles = [Article(id=n, text=STORY.replace("Vink", n), lang="nl", date="2026-02-08")
                for n in names]
    list(extract(articles[:1], pipeline="rules", linker=False))
    strings = len(pipeline.pipeline_for("nl", pipeline="rules", linker=False).vocab.strings)
    outcomes = list(extract(articles[1:], pipeline="rules", linker=False))
    assert all(any(n in s.subject.label for s in o.statements)
               for n, o in zip(names[1:], outcomes, strict=True))
    assert len(pipeline.pipeline_for("nl", pipeline="rules", linker=False).vocab.strings) \
        == strings


def test_build_skips_an_article_the_pipeline_fails_on(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(" date 2026-02-08 " + STORY, encoding="utf-8")
    (folder / "bad.txt").write_text(" date 2026-02-08 BOOM " + STORY, encoding="utf-8")
    real = pipeline.extract_article

    def fragile(nlp: object, article: Article) -> object:
        if "BOOM" in article.text:
            raise RuntimeError("the pipeline broke")
        return real(nlp, article)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract_article", fragile)
    result = cli("build", folder, "--pipeline", "rules", "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert f"skipped {folder / 'bad.txt'}: extraction failed: RuntimeError: the pipeline broke" \
        in result.stderr
    assert "built" in result.stderr and "1 skipped" in result.stderr
    assert "articles: 1 new" in result.stderr
