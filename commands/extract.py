"""The `extract`, `build` and `evaluate` commands: articles in, statements / graph / scores out.

All three read their inputs the same way (`sportkg.extract.readers.read_paths`): files,
directories (recursive, `--glob`), JSON lines and `-` for stdin. A file that cannot be
read is reported on stderr with the reason, the others are processed, and the command
exits with code 1 at the end. Extraction is the engine's (`sportkg.pipeline.extract`,
in this process, `--n-process` workers or a Dask cluster): an article the pipeline fails
on is reported the same way and the others go on; long articles are extracted in parts.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ..errors import InputError
from ..extract.readers import (
    DEFAULT_MAX_BYTES,
    ReadFailure,
    input_files,
    json_lines,
    read_paths,
)
from ..extract.reading import Reading
from ..model import Statement
from .options import (
    DEFAULT_STORE,
    BackendOpt,
    StatementFormat,
    StatementFormatOpt,
    StatsFormatOpt,
    StoreEndpointOpt,
    StoreOpt,
)
from .options import StatsFormat as ReportFormat
from .output import counts_text, plural, say

if TYPE_CHECKING:
    from ..evaluation import EvaluationReport, Scores
    from ..graph.kg import KnowledgeGraph
    from ..pipeline import Outcome


def _check_reading_option(value: str | None, *, lang: bool) -> str | None:
    """Reject a malformed --lang or --date while the command line is read (a usage mistake)."""
    if value is not None:
        try:
            list(read_paths([], lang=value if lang else None, date=None if lang else value))
        except InputError as exc:
            raise typer.BadParameter(str(exc)) from exc
    return value


def _check_lang(value: str | None) -> str | None:
    return _check_reading_option(value, lang=True)


def _check_date(value: str | None) -> str | None:
    return _check_reading_option(value, lang=False)


def _check_glob(value: str) -> str:
    """Reject a --glob that reaches outside the directories (absolute, '..') as a usage mistake."""
    from ..extract.readers import check_glob

    try:
        check_glob(value)
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return value


PathsArg = Annotated[
    list[str],
    typer.Argument(metavar="PATHS",
                   help="Article files, directories (searched recursively) or - for stdin."),
]
GlobOpt = Annotated[
    str, typer.Option("--glob", metavar="PATTERN", callback=_check_glob,
                      help="File pattern inside directories (relative, no '..'); * takes "
                      ".txt and .jsonl.")
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang", metavar="LANG", callback=_check_lang,
        help="Language of inputs that do not state one (nl, en); default: detect.",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", callback=_check_date,
                 help="Publication date of inputs that do not state one."),
]
PipelineOpt = Annotated[
    str,
    typer.Option("--pipeline", metavar="NAME",
                 help="spaCy pipeline: auto (trained, with the recogniser and the pair "
                 "classifier), rules (patterns on a blank pipeline), trained, or a package "
                 "name."),
]
def _use_threshold(value: float | None) -> float | None:
    """Hand `--threshold` to the pair classifier of this process and of its workers."""
    import os

    from ..settings import PAIR_THRESHOLD_ENV

    if value is not None:
        os.environ[PAIR_THRESHOLD_ENV] = repr(value)
    return value


ThresholdOpt = Annotated[
    float | None,
    typer.Option("--threshold", min=0.01, max=1.0, metavar="P", callback=_use_threshold,
                 help="Probability the pair classifier needs to state a fact, one for all "
                 "relations (default: each relation's own, chosen for precision; lower "
                 "finds more facts, less surely). Ignored by --pipeline rules."),
]
NProcOpt = Annotated[
    int, typer.Option("--n-process", min=1, metavar="N", help="Worker processes for spaCy.")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="Extract on a Dask cluster: address of its scheduler, e.g. tcp://host:8786.",
    ),
]
LocalClusterOpt = Annotated[
    int | None,
    typer.Option(
        "--local-cluster",
        min=1,
        metavar="N",
        help="Extract on a Dask cluster of N worker processes started on this machine.",
    ),
]
MaxMbOpt = Annotated[
    int, typer.Option("--max-mb", min=1, metavar="MB",
                      help="Reject input files larger than this many MB.")
]
DEFAULT_MAX_MB = DEFAULT_MAX_BYTES // (1024 * 1024)


def extracted(
    reading: Reading,
    *,
    pipeline: str = "auto",
    n_process: int = 1,
    scheduler: str | None = None,
    local_cluster: int | None = None,
) -> Iterator[Outcome]:
    """The extraction engine (`sportkg.pipeline.extract`) over a reading, as the options ask.

    Every Outcome is yielded, failed ones too (so a progress bar counts them); a failure
    is also recorded in `reading.failures` and said on stderr as it happens, like a file
    that cannot be read. The executor is chosen when this is called, so a bad combination
    of options is an error before any article is read or any store is opened.

    Raises:
        ConfigError: when a cluster option is combined with `n_process` > 1, or dask is
            missing; when the pipeline cannot be loaded (on the first article).
    """
    from ..cluster import executor_for
    from ..pipeline import extract

    executor = executor_for(n_process=n_process, scheduler=scheduler,
                            local_cluster=local_cluster)

    def run() -> Iterator[Outcome]:
        for outcome in extract(reading, pipeline=pipeline, executor=executor):
            if outcome.error is not None:
                article = outcome.article
                failure = ReadFailure(str(article.source or article.id), outcome.error)
                reading.failures.append(failure)
                _note(f"skipped {failure}")
            yield outcome

    return run()


def read_statements(path: Path) -> Iterator[Statement]:
    """Statements from a JSON-lines file; raises InputError naming `file:line` on a bad line."""
    for number, data in json_lines(path, what="statements"):
        try:
            yield Statement.from_dict(data)
        except InputError as exc:
            raise InputError(f"{path}:{number}: {exc}") from None


_note = say


def _skipped(failure: ReadFailure) -> None:
    """Say a file or record that could not be read, as it happens."""
    _note(f"skipped {failure}")


def _summary(reading: Reading, statements: int, *, verb: str) -> None:
    """The closing status lines: what was read, what was skipped (exit 1), what was ignored."""
    from .. import settings

    skipped = len(reading.failures)
    ignored = len(reading.ignored)
    _note(f"{verb} {plural(reading.articles, 'article')}, {plural(statements, 'statement')}, "
          f"{skipped} skipped" + (f", {plural(ignored, 'file')} ignored" if ignored else ""))
    if settings.QUIET:
        return
    for failure in reading.failures:
        typer.echo(f"  skipped {failure.source}: {failure.reason}", err=True)
    for path in reading.ignored:
        typer.echo(f"  ignored {path}: its records are not articles (no 'text'), e.g. a gold "
                   "or statements file", err=True)


def _exit_for(reading: Reading) -> None:
    """Exit with code 1 when any input was skipped (after all the others were processed)."""
    if reading.failures:
        # SystemExit rather than typer.Exit: the app runs with standalone_mode=False, where
        # click turns typer.Exit into a return value instead of the process exit code.
        sys.exit(1)


def _value_text(statement: Statement) -> str:
    value = statement.value
    return value.label if hasattr(value, "label") else str(getattr(value, "value", value))


def write_table(rows: Iterable[Statement], out: IO[str]) -> int:
    """Write statements as an aligned text table; returns the number of rows."""
    header = ("doc", "subject", "property", "value", "qualifiers", "conf")
    table: list[tuple[str, ...]] = []
    for statement in rows:
        quals = "; ".join(
            f"{pid}={getattr(v, 'label', None) or getattr(v, 'value', '')}"
            for pid, v in statement.qualifiers
        )
        table.append(
            (
                statement.doc_id,
                statement.subject.label,
                statement.property,
                _value_text(statement),
                quals,
                f"{statement.confidence:.2f}",
            )
        )
    widths = [min(40, max([len(header[i])] + [len(r[i]) for r in table])) for i in range(6)]
    for row in (header, *table):
        out.write("  ".join(_cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        out.write("\n")
    return len(table)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def extract(
    paths: PathsArg,
    format: StatementFormatOpt = StatementFormat.jsonl,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
    lang: LangOpt = None,
    date: DateOpt = None,
    glob: GlobOpt = "*",
    pipeline: PipelineOpt = "auto",
    threshold: ThresholdOpt = None,
    n_process: NProcOpt = 1,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
    scheduler: SchedulerOpt = None,
    local_cluster: LocalClusterOpt = None,
) -> None:
    """Extract statements from articles and write them as JSON lines or a table.

    With --out the file is written whole or not at all (a temporary file beside it is
    renamed at the end), and it may not be one of the inputs.
    """
    from contextlib import nullcontext

    from ..graph.export import atomic_file

    reading = Reading.of(paths, glob=glob, lang=lang, date=date, max_mb=max_mb,
                         on_failure=_skipped)
    if out is not None:
        refuse_input_as_output(out, paths, glob=glob)
    results = extracted(reading, pipeline=pipeline, n_process=n_process,
                        scheduler=scheduler, local_cluster=local_cluster)
    count = 0
    with atomic_file(out) if out else nullcontext(sys.stdout) as handle:
        if format is StatementFormat.table:
            count = write_table((s for outcome in results for s in outcome.statements), handle)
        else:
            for outcome in results:
                for statement in outcome.statements:
                    handle.write(json.dumps(statement.to_dict(), ensure_ascii=False) + "\n")
                    count += 1
    _summary(reading, count, verb="extracted from")
    _exit_for(reading)


def refuse_input_as_output(out: Path, paths: list[str], *, glob: str) -> None:
    """Raise a usage mistake when `out` is one of the input files (it would be overwritten)."""
    from .group import usage_error

    target = out.resolve()
    inputs = {Path(p).resolve() for p in paths if p != "-"}
    if target in inputs or any(
        isinstance(item, tuple) and item[0].resolve() == target
        for item in input_files(paths, glob=glob)
    ):
        raise usage_error(f"--out {str(out)!r} is one of the inputs; write somewhere else")


def build(
    paths: PathsArg,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
    lang: LangOpt = None,
    date: DateOpt = None,
    glob: GlobOpt = "*",
    pipeline: PipelineOpt = "auto",
    threshold: ThresholdOpt = None,
    n_process: NProcOpt = 1,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
    scheduler: SchedulerOpt = None,
    local_cluster: LocalClusterOpt = None,
) -> None:
    """Read articles, extract statements and add them to the graph (one named graph each)."""
    from ..progress import progress

    reading = Reading.of(paths, glob=glob, lang=lang, date=date, max_mb=max_mb,
                         on_failure=_skipped)
    total = reading.total()
    count = 0
    added = replaced = unchanged = 0
    results = extracted(reading, pipeline=pipeline, n_process=n_process,
                        scheduler=scheduler, local_cluster=local_cluster)
    kg = _open_graph(store, backend, store_endpoint)
    try:
        for outcome in progress(results, total=total, desc="build", unit="article"):
            if outcome.failed:
                continue  # keep what the graph holds for it rather than store an empty graph
            result = kg.add_article(outcome.article, outcome.statements)
            count += len(outcome.statements)
            added += result.added
            replaced += result.replaced
            unchanged += result.unchanged_graphs
        stats = kg.stats()
    finally:
        kg.close()
    _summary(reading, count, verb=f"built {store if backend == 'oxigraph' else backend} from")
    _note(f"articles: {added} new, {replaced} replaced, {unchanged} unchanged")
    if stats:
        _note(f"graph now: {counts_text(stats)}")
    _exit_for(reading)


def _open_graph(store: Path, backend: str, endpoint: str | None) -> KnowledgeGraph:
    """The graph the way every command opens it (`sportkg.commands.graph.open_kg`)."""
    from .graph import open_kg

    return open_kg(store, backend, endpoint)


def evaluate(
    paths: PathsArg,
    gold: Annotated[
        Path,
        typer.Option("--gold", metavar="FILE", help="Gold facts (JSON lines) to score against."),
    ],
    format: StatsFormatOpt = ReportFormat.table,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE",
                     help="Write the report here (whole or not at all) instead of stdout."),
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="Also list missed and spurious facts.")
    ] = False,
    predicted: Annotated[
        Path | None,
        typer.Option(
            "--predicted", metavar="FILE",
            help="Score these statements (JSON lines of `sportkg extract`) instead of "
            "running the pipeline; PATH still gives the articles and their languages.",
        ),
    ] = None,
    lang: LangOpt = None,
    date: DateOpt = None,
    glob: GlobOpt = "*",
    pipeline: PipelineOpt = "auto",
    compare: Annotated[
        str | None,
        typer.Option("--compare", metavar="NAME",
                     help="Also run this pipeline (e.g. rules) and print both reports side "
                     "by side: per property and language, P, R and F1 of each."),
    ] = None,
    threshold: ThresholdOpt = None,
    n_process: NProcOpt = 1,
    max_mb: MaxMbOpt = DEFAULT_MAX_MB,
) -> None:
    """Extract from articles and score the statements against a gold file (P, R, F1).

    With --compare the same articles also go through a second pipeline and the two
    reports are printed side by side (`--pipeline` first). With --out the report file is
    written whole or not at all (a temporary file beside it is renamed at the end), and it
    may not be one of the inputs or the gold file.
    """
    from contextlib import nullcontext

    from ..evaluation import evaluate as score_statements
    from ..evaluation import load_gold
    from ..graph.export import atomic_file

    if out is not None:
        given = [*paths, str(gold), *([str(predicted)] if predicted is not None else [])]
        refuse_input_as_output(out, given, glob=glob)
    load_gold(gold)  # fail early, before the pipeline runs, on a bad gold file
    reading = Reading.of(paths, glob=glob, lang=lang, date=date, max_mb=max_mb, exclude=(gold,),
                         on_failure=_skipped,
                         keep_langs=True)
    if predicted is not None:
        for _ in reading:  # only the ids and languages of the articles are needed
            pass
        statements = list(read_statements(predicted))
    else:
        statements = [
            s
            for outcome in extracted(reading, pipeline=pipeline, n_process=n_process)
            for s in outcome.statements
        ]
    report = score_statements(statements, gold, langs=reading.langs)
    other: EvaluationReport | None = None
    if compare is not None:
        again = Reading.of(paths, glob=glob, lang=lang, date=date, max_mb=max_mb,
                           on_failure=_skipped,
                           exclude=(gold,), keep_langs=True)
        other = score_statements(
            [s for outcome in extracted(again, pipeline=compare, n_process=n_process)
             for s in outcome.statements], gold, langs=again.langs)
    with atomic_file(out) if out else nullcontext(sys.stdout) as handle:
        if format is ReportFormat.json and other is not None:
            handle.write(json.dumps({pipeline: report.to_dict(details=details),
                                     compare: other.to_dict(details=details)},
                                    indent=2, ensure_ascii=False) + "\n")
        elif format is ReportFormat.json:
            handle.write(json.dumps(report.to_dict(details=details), indent=2,
                                    ensure_ascii=False) + "\n")
        elif other is not None:
            handle.write(format_comparison(report, other, names=(pipeline, str(compare)),
                                           gold=gold) + "\n")
        else:
            handle.write(format_report(report, gold=gold, details=details) + "\n")
    _summary(reading, len(statements), verb="evaluated")
    _exit_for(reading)


def format_comparison(first: EvaluationReport, second: EvaluationReport, *,
                      names: tuple[str, str], gold: Path) -> str:
    """Two evaluation reports of the same articles side by side: P, R, F1 of each."""
    from ..evaluation import Scores
    from ..ontology.relations import RELATIONS

    a, b = (n[:20] for n in names)
    lines = [f"Evaluation of {len(first.docs)} documents against {gold.name}: {a} | {b}", ""]
    head = (f"{'':<14}{'':<22}{'gold':>6}  {a + ' P':>10}{'R':>7}{'F1':>7}  "
            f"{b + ' P':>10}{'R':>7}{'F1':>7}{'ΔF1':>8}")

    def row(key: str, label: str, x: Scores, y: Scores) -> str:
        return (f"{key:<14}{label[:21]:<22}{x.gold:>6}  {x.precision:>10.3f}{x.recall:>7.3f}"
                f"{x.f1:>7.3f}  {y.precision:>10.3f}{y.recall:>7.3f}{y.f1:>7.3f}"
                f"{x.f1 - y.f1:>+8.3f}")

    empty = Scores()
    lines += ["per property", head]
    for key in dict.fromkeys([*first.per_property, *second.per_property]):
        rel = RELATIONS.get(key)
        lines.append(row(key, rel.label_en if rel else "", first.per_property.get(key, empty),
                         second.per_property.get(key, empty)))
    lines += ["", "per language", head]
    for lang in dict.fromkeys([*first.per_language, *second.per_language]):
        lines.append(row(lang, "", first.per_language.get(lang, empty),
                         second.per_language.get(lang, empty)))
    lines += ["", row("micro", "all properties", first.micro, second.micro), ""]
    lines.append(f"qualifier match rate: {first.qualifiers.rate:.3f} | "
                 f"{second.qualifiers.rate:.3f}")
    return "\n".join(lines)


def format_report(report: EvaluationReport, *, gold: Path, details: bool = False) -> str:
    """The evaluation report as a plain-text table."""
    from ..ontology.relations import RELATIONS

    lines = [f"Evaluation of {len(report.docs)} documents against {gold.name}", ""]
    head = f"{'':<14}{'':<24}{'pred':>6}{'gold':>6}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"

    def row(key: str, label: str, s: Scores) -> str:
        return (
            f"{key:<14}{label[:23]:<24}{s.predicted:>6}{s.gold:>6}{s.matched_gold:>7}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
        )

    lines += ["per property", head]
    for key, s in report.per_property.items():
        rel = RELATIONS.get(key)
        lines.append(row(key, rel.label_en if rel else "", s))
    lines += ["", "per language", head]
    for lang, s in report.per_language.items():
        lines.append(row(lang, "", s))
    lines += ["", row("micro", "all properties", report.micro), ""]
    q = report.qualifiers
    lines.append(
        f"qualifier match rate: {q.rate:.3f} ({q.facts_all_match} of {q.facts} matched facts "
        "with gold qualifiers have them all right)"
    )
    per = ", ".join(f"{pid} {ok}/{total}" for pid, (ok, total) in sorted(q.per_qualifier.items()))
    if per:
        lines.append(f"  per qualifier: {per}")
    if details:
        lines += ["", "missed (gold facts not found):"]
        lines += [f"  {g.doc}: {g.subject} {g.property} {g.value}" for g in report.missed]
        lines += ["", "spurious (predicted facts not in the gold):"]
        lines += [
            f"  {s.doc_id}: {s.subject.label} {s.property} {_value_text(s)}"
            f"  [{s.evidence.extractor}]"
            for s in report.spurious
        ]
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add `extract`, `build` and `evaluate` to the sportkg app."""
    app.command("extract")(extract)
    app.command("build")(build)
    app.command("evaluate")(evaluate)
