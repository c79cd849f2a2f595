"""What a stage is handed: the article, the loaded knowledge and what earlier stages produced.

Each stage is a function ``(doc, context) -> records`` (see :mod:`wirecoder.extract.pipeline`);
the pipeline stores what it returns under the stage's name, so a later stage reads
``context.actors`` or ``context.quotes``. Nothing else passes between stages.

The actor register (``context.actors``, an :class:`~wirecoder.extract.actors.ActorIndex`) is
the one product later stages may add to: resolving a pronoun, an unnamed speaker ("a hospital
director") or a sector ("the Israeli army") records that mention, and creates the actor when
the story had not named it. A stage that does so declares ``extends=("actors",)``; the
article's actor list is the register as it stands after the last stage, less the actors the
``parties`` stage finds are no parties to the story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirecoder.knowledge import Knowledge
from wirecoder.knowledge.lexicons import Lexicons
from wirecoder.records import (
    Actor,
    ArticleInput,
    Event,
    Place,
    Position,
    Proposal,
    Quote,
    TimeExpression,
)

if TYPE_CHECKING:
    from wirecoder.extract.actors import ActorIndex
    from wirecoder.extract.criticism import CriticismModel
    from wirecoder.extract.event_filter import EventFilter
    from wirecoder.extract.event_types import EventModel
    from wirecoder.extract.parties import PartyModel
    from wirecoder.extract.positions import PositionModel
    from wirecoder.extract.quotes.learned import QuoteModel


@dataclass
class Context:
    article: ArticleInput
    knowledge: Knowledge
    lexicons: Lexicons
    quote_model: QuoteModel | None = None
    party_model: PartyModel | None = None
    event_model: EventModel | None = None
    event_filter: EventFilter | None = None
    criticism: CriticismModel | None = None
    position_model: PositionModel | None = None
    actors: ActorIndex | None = None
    times: list[TimeExpression] | None = None
    places: list[Place] | None = None
    quotes: list[Quote] | None = None
    events: list[Event] | None = None
    proposals: list[Proposal] | None = None
    positions: list[Position] | None = None
    parties: list[Actor] | None = None

    @property
    def published(self) -> dt.date | None:
        return self.article.published
