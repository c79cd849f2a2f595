"""The pipeline: parse once with spaCy, then run every stage over the same document."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from wirecoder.actors import resolve_actors
from wirecoder.articles import ArticleInput
from wirecoder.events import EventLexicon, code_events
from wirecoder.knowledge import Knowledge, default_knowledge, load_knowledge
from wirecoder.parse import correct_entities, load_nlp
from wirecoder.places import resolve_places
from wirecoder.positions import IssueLexicon, find_positions, positions_from_responses
from wirecoder.proposals import ProposalLexicon, find_proposals
from wirecoder.quote_model import QuoteModel
from wirecoder.quotes import extract_quotes
from wirecoder.records import Extraction
from wirecoder.times import resolve_times


class Pipeline:
    """Loads the language model and knowledge once; extracts records from many texts."""

    def __init__(self, knowledge: Knowledge | None = None, actor_files: Iterable[Path] = (),
                 lexicon_files: Iterable[Path] = (),
                 batch_size: int = 16, quote_model: Path | None = None,
                 use_quote_model: bool = True):
        files, lexicons = tuple(actor_files), tuple(lexicon_files)
        if knowledge is None:
            knowledge = load_knowledge(files, lexicons) if files or lexicons \
                else default_knowledge()
        self.knowledge = knowledge
        self.nlp = load_nlp(knowledge)
        self.events = EventLexicon(knowledge)
        self.issues = IssueLexicon(self.nlp.vocab, knowledge)
        self.proposals = ProposalLexicon(self.nlp.vocab, knowledge)
        self.quote_model = QuoteModel.load(quote_model) if use_quote_model else None
        self.batch_size = batch_size

    def run(self, doc: Doc, item: ArticleInput) -> Extraction:
        """Every stage over one parsed document."""
        correct_entities(doc, self.knowledge)
        actors = resolve_actors(doc, self.knowledge, item.published)
        times = resolve_times(doc, item.published)
        places = resolve_places(doc, self.knowledge, actors)
        quotes = extract_quotes(doc, self.knowledge, actors, self.quote_model)
        events = code_events(doc, self.events, actors, quotes, times, places, item.published)
        proposals = find_proposals(doc, self.proposals, self.issues, actors, quotes)
        positions = find_positions(doc, self.issues, actors, quotes, proposals)
        positions += positions_from_responses(proposals, positions)
        return Extraction(article=item.article(), actors=actors.records(), quotes=quotes,
                          events=events, positions=positions, proposals=proposals,
                          times=times, places=places)

    def extract(self, text: str, published: dt.date | str | None = None, id: str | None = None,
                title: str | None = None) -> Extraction:
        return next(self.extract_many([_input(text, published, id, title)]))

    def extract_many(self, items: Iterable[ArticleInput],
                     on_error: Callable[[ArticleInput, Exception], None] | None = None,
                     n_process: int = 1) -> Iterator[Extraction]:
        """Stream many articles through ``nlp.pipe``, in order.

        With ``on_error``, an article whose extraction fails is handed to it with the error
        and the stream goes on; without it, the error is raised. With ``n_process`` > 1,
        chunks of articles go to that many forked worker processes, which share the loaded
        model and knowledge (POSIX only).
        """
        if n_process > 1:
            yield from self._extract_in_processes(items, on_error, n_process)
            return
        pairs = ((item.text, item) for item in items)
        for doc, item in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            try:
                yield self.run(doc, item)
            except Exception as error:
                if on_error is None:
                    raise
                on_error(item, error)


    def _extract_in_processes(self, items: Iterable[ArticleInput], on_error, n_process: int
                              ) -> Iterator[Extraction]:
        global _WORKER_PIPELINE
        _WORKER_PIPELINE = self  # inherited by the forked workers, not pickled
        context = multiprocessing.get_context("fork")
        chunk_size = self.batch_size * 2
        with ProcessPoolExecutor(n_process, mp_context=context) as pool:
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


def _input(text: str, published, id, title) -> ArticleInput:
    from wirecoder.articles import check_text, parse_date

    if isinstance(published, str):
        published = parse_date(published)
    return ArticleInput(text=check_text(text, id or "text"), id=id, published=published,
                        title=title)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
