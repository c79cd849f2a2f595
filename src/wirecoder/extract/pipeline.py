"""The pipeline: parse once with spaCy, then run the named stages over the same document.

A :class:`Stage` names the function that produces it, the earlier products it reads
(``needs``) and the ones it may add to (``extends``: only the actor register, see
:mod:`wirecoder.extract.context`). :data:`STAGES` is the default order; a pipeline checks when
it is built that every stage comes after what it needs. ``on_stage`` is the timing hook: it is
called with each stage's name (and ``parse`` for the spaCy parse) and the seconds it took.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from wirecoder.errors import WirecoderError
from wirecoder.extract.actors import resolve_actors
from wirecoder.extract.context import Context
from wirecoder.extract.criticism import CriticismModel
from wirecoder.extract.event_filter import EventFilter
from wirecoder.extract.event_types import EventModel
from wirecoder.extract.events import code_events
from wirecoder.extract.parse import Parser
from wirecoder.extract.parties import PartyModel, find_parties, only_parties
from wirecoder.extract.places import resolve_places
from wirecoder.extract.positions import PositionModel, find_positions
from wirecoder.extract.proposals import find_proposals
from wirecoder.extract.quotes import extract_quotes
from wirecoder.extract.quotes.learned import QuoteModel
from wirecoder.extract.times import resolve_times
from wirecoder.knowledge import Knowledge, default_knowledge, load_knowledge
from wirecoder.knowledge.lexicons import Lexicons
from wirecoder.records import ArticleInput, Extraction, article_input

#: Called with a stage name (or ``parse``) and the seconds it took on one article.
StageTimer = Callable[[str, float], None]


@dataclass(frozen=True)
class Stage:
    """A named step: ``run(doc, context)`` returns what the stage produces."""

    name: str
    run: Callable[[Doc, Context], object]
    needs: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()


STAGES: tuple[Stage, ...] = (
    Stage("actors", resolve_actors),
    Stage("times", resolve_times),
    Stage("places", resolve_places, needs=("actors",)),
    Stage("quotes", extract_quotes, needs=("actors",), extends=("actors",)),
    Stage("events", code_events, needs=("actors", "quotes", "times", "places"),
          extends=("actors",)),
    Stage("proposals", find_proposals, needs=("actors", "quotes"), extends=("actors",)),
    Stage("positions", find_positions, needs=("actors", "times", "quotes", "events",
                                              "proposals"),
          extends=("actors",)),
    Stage("parties", find_parties, needs=("actors", "quotes", "events", "proposals",
                                          "positions")),
)


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise unless every stage comes after the stages it needs or extends, and each name is
    a product the context holds."""
    produced: set[str] = set()
    for stage in stages:
        if stage.name not in Context.__dataclass_fields__:
            raise WirecoderError(f"stage {stage.name!r}: the context has no such product")
        missing = set(stage.needs + stage.extends) - produced
        if missing:
            raise WirecoderError(f"stage {stage.name!r} needs {', '.join(sorted(missing))}, "
                                 "which no earlier stage produces")
        produced.add(stage.name)


class Pipeline:
    """Loads the language model and knowledge once; extracts records from many texts."""

    def __init__(self, knowledge: Knowledge | None = None, actor_files: Iterable[Path] = (),
                 lexicon_files: Iterable[Path] = (),
                 batch_size: int = 16, quote_model: Path | None = None,
                 use_quote_model: bool = True, party_model: Path | None = None,
                 use_party_model: bool = True, event_model: Path | None = None,
                 event_filter: Path | None = None, use_event_filter: bool = True,
                 criticism_model: Path | None = None, use_criticism: bool = True,
                 position_model: Path | None = None, use_position_model: bool = True,
                 stages: Sequence[Stage] = STAGES,
                 on_stage: StageTimer | None = None):
        files, lexicons = tuple(actor_files), tuple(lexicon_files)
        if knowledge is None:
            knowledge = load_knowledge(files, lexicons) if files or lexicons \
                else default_knowledge()
        check_stages(stages)
        self.knowledge = knowledge
        self.parser = Parser(knowledge)
        self.nlp = self.parser.nlp
        self.lexicons = Lexicons(self.nlp.vocab, knowledge)
        self.quote_model = QuoteModel.load(quote_model) if use_quote_model else None
        self.party_model = PartyModel.load(party_model) if use_party_model else None
        self.event_model = EventModel.load(event_model) if event_model else None
        self.event_filter = EventFilter.load(event_filter) if use_event_filter else None
        self.criticism = CriticismModel.load(criticism_model) if use_criticism else None
        self.position_model = PositionModel.load(position_model) if use_position_model \
            else None
        self.batch_size = batch_size
        self.stages = tuple(stages)
        self.on_stage = on_stage

    def context(self, item: ArticleInput) -> Context:
        """A fresh context for one article, before any stage."""
        return Context(article=item, knowledge=self.knowledge, lexicons=self.lexicons,
                       quote_model=self.quote_model, party_model=self.party_model,
                       event_model=self.event_model, event_filter=self.event_filter,
                       criticism=self.criticism, position_model=self.position_model)

    def run(self, doc: Doc, item: ArticleInput, until: str | None = None) -> Context:
        """The stages over one parsed document, up to and including ``until`` (all by
        default); the context holds what each produced."""
        context = self.context(item)
        for stage in self.stages:
            started = time.perf_counter()
            setattr(context, stage.name, stage.run(doc, context))
            self._time(stage.name, time.perf_counter() - started)
            if stage.name == until:
                break
        return context

    def extraction(self, doc: Doc, item: ArticleInput) -> Extraction:
        """Every record of one parsed document."""
        context = self.run(doc, item)
        extraction = Extraction(article=item.article(), actors=context.actors.records(),
                                quotes=context.quotes, events=context.events,
                                positions=context.positions, proposals=context.proposals,
                                times=context.times, places=context.places)
        if context.parties is None:
            return extraction
        return only_parties(extraction, context.parties)

    def parse(self, items: Iterable[ArticleInput],
              on_error: Callable[[ArticleInput, Exception], None] | None = None
              ) -> Iterator[tuple[Doc, ArticleInput]]:
        """Each article with its parse, in order, timed as ``parse`` by the hook. An article
        the parser fails on goes to ``on_error`` (or raises), never its whole batch."""
        for chunk in batched(items, self.batch_size):
            started = time.perf_counter()
            try:
                docs = self.parser.pipe([item.text for item in chunk], self.batch_size)
            except Exception:
                docs = None  # one article of the batch broke the parser: find which
            if docs is not None:
                share = (time.perf_counter() - started) / len(chunk)
                for doc, item in zip(docs, chunk, strict=True):
                    self._time("parse", share)
                    yield doc, item
                continue
            for item in chunk:
                started = time.perf_counter()
                try:
                    (doc,) = self.parser.pipe([item.text], 1)
                except Exception as error:
                    if on_error is None:
                        raise
                    on_error(item, error)
                    continue
                self._time("parse", time.perf_counter() - started)
                yield doc, item

    def _time(self, stage: str, seconds: float) -> None:
        if self.on_stage is not None:
            self.on_stage(stage, seconds)

    def extract(self, text: str, published: dt.date | str | None = None, id: str | None = None,
                title: str | None = None) -> Extraction:
        return next(self.extract_many([article_input(text, published, id, title)]))

    def extract_many(self, items: Iterable[ArticleInput],
                     on_error: Callable[[ArticleInput, Exception], None] | None = None,
                     n_process: int = 1, pool: ProcessPoolExecutor | None = None
                     ) -> Iterator[Extraction]:
        """Stream many articles through ``nlp.pipe``, in order.

        With ``on_error``, an article whose extraction fails is handed to it with the error
        and the stream goes on; without it, the error is raised. With ``n_process`` > 1,
        chunks of articles go to that many forked worker processes, which share the loaded
        model and knowledge (POSIX only); a caller that extracts batch after batch passes the
        same :meth:`workers` ``pool`` (of ``n_process`` workers) each time, so they are
        forked once.
        """
        if pool is not None:
            yield from self._extract_in(pool, items, on_error, max(n_process, 2))
            return
        if n_process > 1:
            with self.workers(n_process) as forked:
                yield from self._extract_in(forked, items, on_error, n_process)
            return
        for doc, item in self.parse(items, on_error):
            try:
                yield self.extraction(doc, item)
            except Exception as error:
                if on_error is None:
                    raise
                on_error(item, error)

    @contextmanager
    def workers(self, n_process: int) -> Iterator[ProcessPoolExecutor | None]:
        """``n_process`` worker processes forked from this pipeline (none for one process),
        to hand to :meth:`extract_many` for as long as the block runs."""
        if n_process <= 1:
            yield None
            return
        global _WORKER_PIPELINE
        _WORKER_PIPELINE = self  # inherited by the forked workers, not pickled
        with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork")
                                 ) as pool:
            yield pool

    def _extract_in(self, pool: ProcessPoolExecutor, items: Iterable[ArticleInput], on_error,
                    n_process: int) -> Iterator[Extraction]:
        chunk_size = self.batch_size * 2
        pending: deque = deque()
        for chunk in batched(items, chunk_size):
            pending.append((chunk, pool.submit(_extract_chunk, chunk)))
            # keep the workers busy without reading the whole input ahead
            while len(pending) > n_process * 2:
                yield from self._collect(*pending.popleft(), on_error)
        while pending:
            yield from self._collect(*pending.popleft(), on_error)

    @staticmethod
    def _collect(chunk: list[ArticleInput], future, on_error) -> Iterator[Extraction]:
        for item, (extraction, error) in zip(chunk, future.result(), strict=True):
            if error is None:
                yield extraction
            elif on_error is None:
                raise error
            else:
                on_error(item, error)


_WORKER_PIPELINE: Pipeline | None = None


def _extract_chunk(chunk: list[ArticleInput]) -> list[tuple[Extraction | None,
                                                            Exception | None]]:
    """In a worker: each article's extraction, or the error it raised."""
    results: list[tuple[Extraction | None, Exception | None]] = []

    def failed(item: ArticleInput, error: Exception) -> None:
        results.append((None, error))

    # extract_many handles articles in order, so results line up with the chunk
    for extraction in _WORKER_PIPELINE.extract_many(chunk, on_error=failed):
        results.append((extraction, None))
    return results


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items in order, the last one shorter (``itertools.batched`` is 3.12+)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
