"""Actors: group the people, organisations, countries and groups of a story into canonical
actors, and resolve any noun phrase or pronoun to one of them.

``resolve_actors(doc, context)`` returns an :class:`ActorIndex`, the story's actor register;
later stages ask it who a token refers to (``index.resolve(token)``), which also records
pronoun, description, sector ("the Israeli army") and anonymous-source ("a senior US
official") mentions (the one hand-off by which they add actors, see ``context``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span, Token

from wirecoder.extract.context import Context
from wirecoder.extract.grammar import (
    AMOUNTS,
    clean_entity,
    counted,
    entities_in,
    noun_phrase,
    sentence_of,
    text_of,
)
from wirecoder.knowledge import (
    ActorEntry,
    Knowledge,
    fold_title,
    normalize_name,
    sector_actor_id,
)
from wirecoder.knowledge.lexicons import grammar_words
from wirecoder.records import Actor
from wirecoder.records import Span as TextSpan

_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_WORDS = grammar_words()
_PERSON_PRONOUNS = _WORDS.pronouns["person"]
_THING_PRONOUNS = _WORDS.pronouns["thing"]
_PLURAL_PRONOUNS = _WORDS.pronouns["plural"]
_FIRST_PERSON = _WORDS.pronouns["first_person"]
_ARTICLES = _WORDS.determiners["articles"]
_DEFINITE = _WORDS.determiners["definite"]
_INDEFINITE = _WORDS.nouns["indefinite"]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-") or "unnamed"


@dataclass
class _Build:
    """An actor while the article is being read."""

    id: str
    name: str
    kind: str
    known: bool
    confidence: float
    country: str | None = None
    code: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    affiliation: str | None = None
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    speaks: bool = True  # can hold a stance: not "the bill" or "a new poll" as a speaker

    def add_role(self, role: str | None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)

    def record(self) -> Actor:
        aliases = sorted({t for t in [*self.aliases, *self.mentions.values()]
                          if t != self.name and t.lower() not in _PRONOUNS_ALL})
        return Actor(
            id=self.id, name=self.name, aliases=aliases, kind=self.kind, country=self.country,
            roles=self.roles, code=self.code, title=self.title, affiliation=self.affiliation,
            known=self.known, confidence=self.confidence,
            mentions=[TextSpan(start=s, end=e, text=t)
                      for (s, e), t in sorted(self.mentions.items())])


_TITLE_WORDS = _WORDS.nouns["title_heads"]
_HONORIFICS = _WORDS.nouns["honorifics"]
_SCENE_PREPS = _WORDS.prepositions["not_owners"]
_ACTING = {"nsubj", "nsubjpass", "agent", "dobj"}  # a country acting in its sentence
_PRESS = _WORDS.quotes["press"]
_TELLING = {"tell", "say", "speak", "talk", "brief"}
# the city a dateline opens with: "MOSCOW, February 7.", "Bamako, March 20 –", "SEOUL (AP) —"
_DATELINE_CITY = re.compile(r"\s*([A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,2})\s*(?:,|\(|–|—|-)")
_STATE_SECTORS = _WORDS.roles["state_sectors"]
_SECTOR_NAMES = dict(pair.split(":") for pair in _WORDS.roles["sector_names"])
_NOT_OWNERS = _WORDS.prepositions["not_owners"]
_PRONOUNS_ALL = _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS | _FIRST_PERSON


class ActorIndex:
    """The actors of one article and which tokens refer to them."""

    def __init__(self, doc: Doc, knowledge: Knowledge, published: dt.date | None = None):
        self.doc = doc
        self.knowledge = knowledge
        self.published = published
        self.actors: dict[str, _Build] = {}
        self.token_actor: dict[int, str] = {}
        # (token index of the mention head, actor id), in text order, for back-reference
        self.history: list[tuple[int, str]] = []
        # the same mentions by position in the text (then by when they were added), for the
        # nearest actor before a token without scanning them all
        self._by_position: list[tuple[int, int, str]] = []

    # --- building -----------------------------------------------------------------
    def _actor(self, actor_id: str, **fields) -> _Build:
        if actor_id not in self.actors:
            self.actors[actor_id] = _Build(id=actor_id, **fields)
        return self.actors[actor_id]

    def _from_entry(self, entry: ActorEntry, confidence: float) -> _Build:
        body = self._state_body(entry, confidence)
        if body is not None:
            return body
        build = self._actor(entry.id, name=entry.name, kind=entry.kind, known=True,
                            confidence=confidence, country=entry.country, code=entry.code,
                            roles=list(entry.roles), aliases=list(entry.aliases))
        if entry.positions and not build.title:
            held = entry.position_on(self.published) or entry.positions[-1]
            build.title = held.get("title")
            build.add_role(held.get("role"))
            build.country = build.country or held.get("country")
        build.confidence = max(build.confidence, confidence)
        return build

    def _state_body(self, entry: ActorEntry, confidence: float) -> _Build | None:
        """A state organ the knowledge base names (the Kremlin, the Russian foreign ministry,
        the Turkish Armed Forces) is its state's part for that sector: the country itself for
        the government, else the country's sector actor."""
        code = entry.code or ""
        country = self.knowledge.actors.get(entry.country or "")
        if entry.kind != "organization" or country is None or country.kind != "country" \
                or len(code) != 6 or code[3:] not in _STATE_SECTORS:
            return None
        state = self._from_entry(country, confidence)
        if code[3:] == "GOV":
            return state
        part = self.state_part(state, code[3:], None)
        part.known, part.confidence = True, max(part.confidence, confidence)
        part.aliases += [n for n in [entry.name, *entry.aliases] if n not in part.aliases]
        for role in entry.roles:
            part.add_role(role)
        return part

    def state_part(self, state: _Build, sector: str, role: str | None) -> _Build:
        """One country's actor for one sector ("Russian troops", the Russian army): the
        country itself for the government. Its name is the same in every story ("Russia
        military"), as its id is: the phrases that name it are its mentions."""
        if sector_actor_id(state.id, sector) == state.id:
            return state
        name = f"{state.name} {_SECTOR_NAMES.get(sector, sector.lower())}"
        build = self._actor(sector_actor_id(state.id, sector), name=name, kind="organization",
                            known=False, confidence=0.75, country=state.country,
                            code=f"{state.country}{sector}", affiliation=state.id)
        build.add_role(role)
        return build

    @cached_property
    def dateline_country(self) -> str | None:
        """The country of the city a story opens with ("KUALA LUMPUR, Feb 23 -",
        "MOSCOW, February 7. /TASS/.")."""
        match = _DATELINE_CITY.match(text_of(self.doc)[:80])
        places = self.knowledge.lookup_place(match.group(1)) if match else []
        return places[0].country if places else None

    def add_mention(self, actor_id: str, span: Span | Token) -> None:
        start = span.idx if isinstance(span, Token) else span.start_char
        end = start + len(span.text)
        self.actors[actor_id].mentions[(start, end)] = span.text
        tokens = [span] if isinstance(span, Token) else list(span)
        for token in tokens:
            self.token_actor.setdefault(token.i, actor_id)
        head = span if isinstance(span, Token) else span.root
        self.history.append((head.i, actor_id))
        insort(self._by_position, (head.i, len(self.history), actor_id))

    def merge(self, old: str, into: str) -> None:
        """Make every mention of actor ``old`` one of ``into`` and drop ``old``."""
        moved = self.actors.pop(old)
        self.actors[into].mentions.update(moved.mentions)
        for token_i, actor_id in self.token_actor.items():
            if actor_id == old:
                self.token_actor[token_i] = into
        self.history = [(i, into if a == old else a) for i, a in self.history]
        self._by_position = [(i, n, into if a == old else a) for i, n, a in self._by_position]

    def unnamed_title_holder(self, actor_id: str | None) -> bool:
        """Whether an actor is only a title the story gave once ("a Turkish Defence Ministry
        spokesman"), which a name may follow."""
        build = self.actors.get(actor_id or "")
        if build is None or build.known or build.kind not in {"person", "anonymous_source"}:
            return False
        named = [t for t in build.mentions.values() if t.lower() not in _PRONOUNS_ALL]
        words = build.name.lower().split()
        return len(named) == 1 and bool(words) and words[-1].rstrip("s") in _TITLE_WORDS

    def first_named_in(self, actor_id: str | None, sentence: Span) -> bool:
        """Whether a person is first named in ``sentence``."""
        build = self.actors.get(actor_id or "")
        return build is not None and build.kind == "person" and bool(build.mentions) and \
            sentence.start_char <= min(build.mentions)[0] < sentence.end_char

    # --- resolution -----------------------------------------------------------------
    def actor_of(self, token: Token) -> str | None:
        """The actor a token names directly (it lies inside a named mention)."""
        return self.token_actor.get(token.i)

    def resolve(self, token: Token | None, speaker: str | None = None) -> str | None:
        """Who the noun phrase headed by ``token`` refers to, or None.

        ``speaker`` is the actor whose quote contains the token, for "we" and "I".
        """
        if token is None:
            return None
        token = counted(token)
        direct = self.actor_of(token)
        if direct:
            return direct
        # "a spokeswoman, Anna White,": the apposed name says who
        for child in token.children:
            if child.dep_ == "appos" and self.actor_of(child):
                return self.actor_of(child)
        # "the NUT, the umbrella union for teachers,": an apposition names its head
        if token.dep_ == "appos" and self.actor_of(token.head):
            return self.actor_of(token.head)
        lower = token.lower_
        if token.pos_ == "PRON" or lower in _PRONOUNS_ALL:
            found = self._resolve_pronoun(token, speaker)
        elif token.pos_ == "PROPN":
            found = self._titled_name(token) or self._name_part(token) or \
                self._office_holder(token)
        else:
            found = (self._titled_before(token, noun_phrase(token))
                     or self._anonymous_actor(token) or self._sector_actor(token, speaker)
                     or self._description(token) or self._office_holder(token)
                     or self._modifier_actor(token))
        if found:
            self.add_mention(found, token if token.pos_ == "PRON" else noun_phrase(token))
        return found

    def misspelt_country(self, span: Span) -> str | None:
        """A one-word name one letter away from a country's ("Ethopia"): that country."""
        key = normalize_name(span.text)
        if len(span) != 1 or len(key) < 6:
            return None
        match = process.extractOne(key, self.knowledge.fuzzy_keys()[2], scorer=fuzz.ratio,
                                   score_cutoff=92)
        if match is None or match[0][0] != key[0]:
            return None
        entry = next(e for e in self.knowledge.lookup_actor(match[0]) if e.kind == "country")
        actor_id = self._from_entry(entry, 0.6).id
        self.add_mention(actor_id, span)
        return actor_id

    def can_hold_stance(self, actor_id: str | None) -> bool:
        """Whether an actor can take a position: any named actor or group, but not a thing
        the story makes a speaker of ("the bill says", "a new poll shows")."""
        build = self.actors.get(actor_id or "")
        return build is not None and build.speaks

    def speaks_for(self, person: str | None, body: str | None) -> bool:
        """Whether a person is the voice of a body: its member or office holder, or a
        holder of office in that country ("Netanyahu said Israel would ...")."""
        who, what = self.actors.get(person or ""), self.actors.get(body or "")
        if who is None or what is None or who.kind != "person" or what.kind == "person":
            return False
        if who.affiliation == what.id:
            return True
        # "Ghani said his government would ...": the state or its government
        state = what.kind == "country" or (what.code or "").endswith("GOV")
        return state and who.country == what.country and bool(who.roles)

    def unnamed_speaker(self, token: Token) -> str | None:
        """An actor for a speaker the story describes but does not name
        ("the Gaza health ministry", "a hospital director"); not an amount ("59 percent of
        voters said")."""
        token = counted(token)
        if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in AMOUNTS:
            return None
        phrase = noun_phrase(token)
        words = [t for t in phrase if t.lower_ not in _ARTICLES]
        if not words or token.pos_ == "NOUN" and not self._names_a_party(token):
            return None
        holder = self._title_holder(token) or self._titled_before(token, phrase)
        if holder:
            self.add_mention(holder, phrase)
            return holder
        if token.pos_ == "PROPN" and len(words) == 1:
            misspelt = self.misspelt_country(phrase[-1:])
            if misspelt:
                return misspelt
        title = None
        if token.pos_ == "PROPN":
            # "Candidate Ana Ruiz" missed by the NER: the title is a role, not the name
            for size in range(len(words) - 1, 0, -1):
                prefix = normalize_name(" ".join(t.text for t in words[:size]))
                if prefix in self.knowledge.titles and words[size].pos_ == "PROPN":
                    title, words = " ".join(t.text for t in words[:size]), words[size:]
                    break
        name = _text(words)
        head = token.lemma_.lower()
        kind = "person" if head in _TITLE_WORDS or token.pos_ == "PROPN" else "organization"
        affiliation = next(iter(self._modifiers(token)), None)
        owner = self.actors.get(affiliation) if affiliation else None
        actor_id = f"{kind}:{slugify(name)}"
        build = self._actor(actor_id, name=name, kind=kind, known=False, confidence=0.5,
                            country=owner.country if owner else self._place_country(phrase),
                            affiliation=owner.id if owner else None,
                            code=_affiliated_code(owner))
        if title and not build.title:
            build.title = title
            build.add_role(self.knowledge.titles[normalize_name(title)].get("role"))
        build.speaks = kind == "person" or head in self.knowledge.sectors or \
            head in self.knowledge.generic_descriptions
        self.add_mention(actor_id, phrase)
        return actor_id

    def _titled_before(self, token: Token, phrase: Span) -> str | None:
        """ "the spokesman", "the Iranian Foreign Ministry spokesman" after "Foreign Ministry
        spokesman X said": the nearest person named before, within three sentences, in whose
        sentence the same title word stands, and the actors the phrase names too."""
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in _TITLE_WORDS or token.tag_ != "NN" or \
                phrase[0].lower_ not in _DEFINITE:
            return None
        owners = set(self._modifiers(token))
        horizon = _sentence_start(token, back=3)
        for head_i, _, actor_id in reversed(self._by_position[:bisect_left(
                self._by_position, (token.i,))]):
            if head_i < horizon:
                break
            if self.actors[actor_id].kind != "person":
                continue
            sentence = sentence_of(self.doc[head_i])
            if any(t.lemma_.lower() == lemma and t.i != token.i for t in sentence) and \
                    owners <= {self.token_actor.get(t.i) for t in sentence}:
                return actor_id
        return None

    def _names_a_party(self, token: Token) -> bool:
        """Whether a common noun can be a party (a person by role, a body, a people), not a
        thing ("the video", "no evidence", "his death"): its lemma is in ``parties.yaml``,
        the sector, anonymous-source or generic-description lists, or a title."""
        kb = self.knowledge
        lemma = token.lemma_.lower()
        return lemma in kb.party_nouns or lemma in kb.sectors or lemma in _TITLE_WORDS or \
            lemma in kb.anonymous["heads"] or lemma in kb.generic_descriptions or \
            lemma in kb.title_words or token.lower_ in kb.party_nouns

    def _office_holder(self, token: Token) -> str | None:
        """The holder of a title: a known one ("Japan's prime minister"), else, when the
        phrase names whom they serve ("Taiwan's Vice Foreign Minister", "a U.N. mediator"),
        an unnamed person of that affiliation."""
        known = self._title_holder(token)
        if known or token.lemma_.lower() not in _TITLE_WORDS or not self._modifiers(token):
            return known
        if token.tag_ == "NNS":  # "ASEAN leaders", "NATO officials" speak for their body
            body = next((m for m in self._modifiers(token)
                         if self.actors[m].kind in {"igo", "organization", "group"}), None)
            if body:
                return body
        return self.unnamed_speaker(token)

    def located_group(self, token: Token | None) -> str | None:
        """An unnamed group the story places ("demonstrators in Baghdad", "Palestinians of
        the West Bank"): a group of that place's country."""
        if token is None or token.tag_ not in {"NNS", "NNPS"}:
            return None
        phrase = noun_phrase(token)
        country = self._place_country(phrase)
        if country is None:
            return None
        name = _text([t for t in phrase
                      if t.lower_ not in _ARTICLES and t.dep_ != "nummod"])
        actor_id = f"group:{slugify(name)}"
        self._actor(actor_id, name=name, kind="group", known=False, confidence=0.5,
                    country=country)
        self.add_mention(actor_id, phrase)
        return actor_id

    def _place_country(self, phrase: Span) -> str | None:
        """The country of the first place the gazetteer knows in a phrase."""
        return next(iter(self._place_countries(phrase)), None)

    def _place_countries(self, phrase: Span) -> list[str]:
        """The countries of the places the gazetteer knows in a phrase, in text order."""
        countries = []
        for ent in entities_in(phrase):
            if ent.label_ in {"GPE", "LOC"}:
                found = self.knowledge.lookup_place(clean_entity(ent).text)
                if found and found[0].country:
                    countries.append(found[0].country)
        return countries

    def country_actor(self, country: str, span: Span | Token) -> str | None:
        """The country actor for an ISO alpha-3 code, mentioned by ``span``."""
        entry = self.knowledge.actors.get(country)
        if entry is None or entry.kind != "country":
            return None
        actor_id = self._from_entry(entry, 0.7).id
        self.add_mention(actor_id, span)
        return actor_id

    def _title_holder(self, token: Token) -> str | None:
        """ "Japan's prime minister", "the Israeli defence minister": the one person who held
        that title for that country on the publication date, per the knowledge base."""
        phrase = noun_phrase(token)
        text = normalize_name(" ".join(t.text for t in phrase if t.tag_ != "POS"))
        match = self.knowledge.title_pattern.search(text)
        if match is None:
            return None
        title = match.group(1)
        countries = [self.actors[a].country for a in self._modifiers(token)
                     if self.actors[a].kind == "country"]
        in_story = [a.id for a in self.actors.values()
                    if a.kind == "person" and a.title and fold_title(a.title) == fold_title(title)
                    and (not countries or a.country == countries[0])]
        if len(in_story) == 1:
            return in_story[0]
        countries = countries or [c for c in [self._home_country()] if c]
        if not countries:
            return None
        holders = self.knowledge.title_holders(title, countries[0], self.published)
        if len(holders) != 1:
            return None
        return self._from_entry(holders[0], 0.75).id

    def _home_country(self) -> str | None:
        """Whose "the prime minister" is: the dateline's country, else the country that
        holds at least 70% of the story's country mentions (three at least)."""
        if self.dateline_country:
            return self.dateline_country
        counts = {b.country: len(b.mentions) for b in self.actors.values()
                  if b.kind == "country" and b.mentions}
        best = max(counts, key=counts.get, default=None)
        total = sum(counts.values())
        return best if best and counts[best] >= 3 and counts[best] >= 0.7 * total else None

    def _titled_name(self, token: Token) -> str | None:
        """The one person named in a title's phrase: "Malaysian Inspector-General of Police
        Khalid Abu Bakar", headed by "General", "Deputy Superintendent of Police Sammy
        Tavares"."""
        if token.lower_ not in self.knowledge.title_words and not token.is_title:
            return None
        persons = {self.token_actor[t.i] for t in noun_phrase(token)
                   if t.i > token.i and t.i in self.token_actor
                   and self.actors[self.token_actor[t.i]].kind == "person"}
        return persons.pop() if len(persons) == 1 else None

    def _name_part(self, token: Token) -> str | None:
        """A proper name the NER missed or cut short: "Galant", "... Al Thani"."""
        for child in token.children:
            if child.dep_ == "compound" and child.i < token.i:
                actor_id = self.token_actor.get(child.i)
                if actor_id and self.actors[actor_id].kind == "person":
                    return actor_id
        key = normalize_name(token.text)
        for build in self.actors.values():
            if build.kind == "person" and normalize_name(build.name).split()[-1:] == [key]:
                return build.id
        persons = [e for e in self.knowledge.lookup_actor(token.text) if e.kind == "person"]
        present = [e for e in persons if e.id in self.actors]
        if len(present) == 1:
            return present[0].id
        return None

    def nearest_before(self, token: Token, kinds: set[str]) -> str | None:
        """The nearest actor of one of ``kinds`` mentioned before ``token``, at most three
        sentences back (the actor a back-reference such as "the statement" leans on)."""
        return self._before(token, kinds)

    def _before(self, token: Token, kinds: set[str] | None = None,
                subjects_only: bool = False) -> str | None:
        """Nearest actor mentioned before ``token``, at most three sentences back (of two
        mentions at one place, the one recorded first)."""
        horizon = _sentence_start(token, back=3)
        best: tuple[int, int, str] | None = None
        for index in range(bisect_left(self._by_position, (token.i,)) - 1, -1, -1):
            head_i, order, actor_id = self._by_position[index]
            if head_i < horizon or best is not None and head_i < best[0]:
                break
            if kinds is not None and self.actors[actor_id].kind not in kinds:
                continue
            if subjects_only and self.doc[head_i].dep_ not in {"nsubj", "nsubjpass"}:
                continue
            best = (head_i, order, actor_id)
        return best[2] if best else None

    def _resolve_pronoun(self, token: Token, speaker: str | None) -> str | None:
        lower = token.lower_
        if lower in _FIRST_PERSON:
            return speaker
        if lower in _PERSON_PRONOUNS:
            # the subject of a clause is the likelier antecedent of "he" or "she"
            return self._before(token, {"person"}, subjects_only=True) or \
                self._before(token, {"person"})
        if lower in _THING_PRONOUNS:
            return self._before(token, {"organization", "group", "igo", "country", "media"})
        if lower in _PLURAL_PRONOUNS:
            return self._before(token, {"anonymous_source", "group", "organization",
                                        "country"})
        return None

    def _modifiers(self, token: Token, skip: set[int] = frozenset()) -> list[str]:
        """Actors named inside the noun phrase headed by ``token`` (excluding the head)."""
        found = []
        for child in token.subtree:
            if child.i == token.i or child.i > token.i + 8 or child.i in skip:
                continue
            if child.head.i != token.i and child.dep_ not in {"compound", "amod", "pobj"}:
                continue
            actor_id = self.token_actor.get(child.i)
            if actor_id and actor_id not in found:
                found.append(actor_id)
        return found

    def _sector_actor(self, token: Token, speaker: str | None = None) -> str | None:
        """ "the Israeli army", "the army" after one was named, or "the army" in the words
        of an official: that country's sector."""
        sector = self.knowledge.sectors.get(token.lemma_.lower())
        if not sector:
            return None
        owners = self._modifiers(token)
        voice = self.actors.get(speaker or "")
        if not owners and voice is not None and voice.kind == "person" and voice.roles:
            owners = [c for c in [voice.country] if c in self.actors]
        for actor_id in owners:
            owner = self.actors[actor_id]
            if owner.kind in {"group", "organization", "igo"}:
                return actor_id
            if owner.kind == "country":
                return self.state_part(owner, sector["sector"], sector.get("role")).id
        # "the army" with no modifier: the nearest earlier actor of that sector
        for head_i, actor_id in reversed(self.history):
            if head_i < token.i and actor_id.endswith(f"-{sector['sector']}"):
                return actor_id
        if token.lemma_.lower() in _TITLE_WORDS:
            return None  # "the president" is an office holder, not a sector
        return self._story_sector(token, sector)

    def _sector_country(self, token: Token) -> str | None:
        """The country a sector named without one belongs to: the country acting (subject
        or object) in its sentence, else the one country its sentence places things in,
        else the dateline's. How often a story names a country does not say: police in
        a story about Russia may be American."""
        sentence = sentence_of(token)
        acting = [self.actors[self.token_actor[t.i]].country for t in sentence
                  if t.i in self.token_actor and t.dep_ in _ACTING
                  and self.actors[self.token_actor[t.i]].kind == "country"]
        return acting[0] if acting else \
            self._sentence_country(sentence) or self.dateline_country

    def _story_sector(self, token: Token, sector: dict) -> str | None:
        """A sector named without a country ("police", "the government", "protesters"): a
        body the story named with that word ("the Houston Police Department"), else that
        sector of the country the text gives it (:meth:`_sector_country`), else of no
        country."""
        phrase = noun_phrase(token)
        if any(t.dep_ == "poss" and t.pos_ == "PRON" for t in token.children) or \
                _indefinite_single(token):
            return None  # "its troops": whose the pronoun says; "a force" to be sent
        word = token.lemma_.lower()
        place = self._place_country(phrase) if sector["sector"] in {"CVL", "REF"} else None
        if place in self.knowledge.actors:
            # "demonstrators in Baghdad"; troops in a place need not be its own
            state = self._from_entry(self.knowledge.actors[place], 0.75)
            return self.state_part(state, sector["sector"], sector.get("role")).id
        for build in self.actors.values():
            if build.kind in {"organization", "igo"} and build.mentions and \
                    word in normalize_name(build.name).split():
                return build.id
        country = None if sector["sector"] == "REF" else self._sector_country(token)
        if country in self.knowledge.actors:  # refugees are seldom the story's own
            state = self._from_entry(self.knowledge.actors[country], 0.75)
            return self.state_part(state, sector["sector"], sector.get("role")).id
        code = sector["sector"]
        build = self._actor(f"sector:{code.lower()}", name=_SECTOR_NAMES.get(code, code.lower()),
                            kind="organization", known=False, confidence=0.6,
                            code=sector["sector"])
        build.add_role(sector.get("role"))
        return build.id

    def _anonymous_actor(self, token: Token) -> str | None:
        config = self.knowledge.anonymous
        lemma = token.lemma_.lower()
        if lemma not in config["heads"] or token.pos_ == "PROPN":
            return None
        phrase = noun_phrase(token)
        if any(t.ent_type_ == "PERSON" for t in phrase):
            return None
        words = {t.lemma_.lower() for t in phrase}
        if lemma in config["needs_qualifier"] and not words & set(config["qualifiers"]):
            return None
        affiliation = next(iter(self._modifiers(token)), None)
        if token.text.lower() in {"source", "sources"} and token.i > 0 and \
                token.nbor(-1).lower_ == "the" and not affiliation:
            # "the sources" continue an earlier anonymous source
            earlier = self._before(token, {"anonymous_source"})
            if earlier:
                return earlier
        owner = self.actors.get(affiliation) if affiliation else None
        plural = token.tag_ in {"NNS", "NNPS"}
        if plural and owner is not None and owner.kind == "country" and \
                lemma in config["state_officials"]:
            return owner.id  # "Russian officials", "Turkish diplomats": the state speaking
        actor_id = f"anonymous:{owner.id if owner else 'unaffiliated'}:{lemma}"
        name = f"{owner.name if owner else 'unnamed'} {token.lemma_.lower()}" + \
            ("s" if plural and not lemma.endswith("s") else "")
        build = self._actor(actor_id, name=name, kind="anonymous_source", known=False,
                            confidence=0.7, country=owner.country if owner else None,
                            affiliation=owner.id if owner else None,
                            code=_affiliated_code(owner))
        if owner:
            for role in owner.roles[:1]:
                build.add_role(role)
        return actor_id

    def _description(self, token: Token) -> str | None:
        """A definite description: "the movement", "the Palestinian group", "the channel"."""
        phrase = noun_phrase(token)
        determiner = phrase[0].lower_ if len(phrase) else ""
        if determiner not in _DEFINITE:
            return None
        text = normalize_name(phrase.text)
        present = set(self.actors)
        for actor_id in self.knowledge.descriptions.get(text, []):
            if actor_id in present:
                return actor_id
        kinds = self.knowledge.generic_descriptions.get(token.lemma_.lower())
        if kinds:
            return self._before(token, set(kinds))
        return self._title_holder(token)

    def _modifier_actor(self, token: Token) -> str | None:
        """A phrase like "the Hamas leadership" falls back to the actor it names; the agent
        of a "by" phrase ("crimes by Croatian extremists" are not theirs to stand for), a
        place ("a truce in Sudan") and the actors of a clause inside the phrase do not
        count."""
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        agents = {t.i for child in token.children
                  if child.dep_ in {"acl", "relcl", "ccomp", "advcl"}
                  or child.dep_ == "prep" and child.lower_ in _NOT_OWNERS
                  for t in child.subtree}
        modifiers = [m for m in self._modifiers(token, skip=agents)
                     if self.actors[m].kind in {"group", "organization", "igo", "media",
                                                "country"}]
        return modifiers[0] if modifiers else None

    def records(self) -> list[Actor]:
        """The actors with mentions; a person or body the story names without a country
        takes the one its first sentence places it in, else the dateline's."""
        home = self.story_country
        for build in self.actors.values():
            if build.country is None and not build.known and build.mentions and \
                    build.kind in {"person", "organization"}:
                first = self.doc.char_span(*min(build.mentions), alignment_mode="expand")
                build.country = (self._sentence_country(sentence_of(first.root))
                                 if first is not None and len(first) else None) or home
        return [build.record() for build in self.actors.values() if build.mentions]

    def _sentence_country(self, sentence: Span) -> str | None:
        """The one country that the places and states of a sentence belong to ("Mary
        Connors died in a fire in Dublin"), if just one."""
        countries = {self.actors[self.token_actor[t.i]].country for t in sentence
                     if t.i in self.token_actor
                     and self.actors[self.token_actor[t.i]].kind == "country"}
        countries.update(self._place_countries(sentence))
        countries.discard(None)
        return countries.pop() if len(countries) == 1 else None

    @property
    def story_country(self) -> str | None:
        """The country a story says it is set in: its dateline's (how often a country is
        named says too little: a Washington story about Russia is no Russian story)."""
        return self.dateline_country


def _text(tokens: list[Token]) -> str:
    """Tokens as written ("Mali's foreign minister", not "Mali 's foreign minister")."""
    return "".join(t.text_with_ws for t in tokens).strip()


def _sentence_start(token: Token, back: int) -> int:
    """Where the sentence ``back`` sentences before ``token``'s starts (paragraph breaks
    and stray quotation marks are no sentences)."""
    sent = sentence_of(token)
    while back and sent.start > 0:
        sent = sentence_of(token.doc[sent.start - 1])
        back -= any(t.is_alpha for t in sent)
    return sent.start


class _Linker:
    """Links named mentions to knowledge-base entries or to actors earlier in the story."""

    def __init__(self, index: ActorIndex):
        self.index = index
        self.knowledge = index.knowledge
        self.person_keys, self.other_keys, _ = self.knowledge.fuzzy_keys()
        self.seen: dict[str, list[str]] = {}

    def remember(self, actor_id: str, span: Span) -> None:
        self.seen.setdefault(actor_id, []).append(normalize_name(span.text))

    def link(self, ent: Span) -> str | None:
        kb, index = self.knowledge, self.index
        text = ent.text
        key = normalize_name(text)
        if not key:
            return None
        if ent.label_ in {"PERSON", "ORG"} and len(ent) == 1 and text[:1].isupper():
            # "Haddad" after "Riyad Haddad" is he, not a namesake in the knowledge base nor
            # the organisation the NER took "Acevedo" for
            earlier = self._story_person(key)
            if earlier:
                return earlier
        entries = kb.lookup_actor(text)
        if ent.label_ == "NORP":  # "Hindu" is a faith, not the newspaper The Hindu
            entries = [e for e in entries if e.kind in {"country", "group"}]
        if ent.label_ == "NORP" and key in kb.demonyms and not entries:
            entries = [kb.actors[kb.demonyms[key]]]
        if entries:
            persons = [e for e in entries if e.kind == "person"]
            if ent.label_ == "PERSON" and persons:
                entries = persons
            elif ent.label_ != "PERSON" and len(entries) > 1:
                entries = [e for e in entries if e.kind != "person"] or entries
            if len(entries) == 1 or (" " in key and ent.label_ != "PERSON"):
                return index._from_entry(entries[0], 0.95).id
            # An ambiguous surname: prefer the candidate already in the story.
            present = [e for e in entries if e.id in index.actors]
            if len(present) == 1:
                return present[0].id
            return None
        misspelt = index.misspelt_country(ent) if ent.label_ in {"GPE", "PERSON", "ORG"} \
            else None
        if misspelt:
            return misspelt
        if ent.label_ == "GPE" or key in kb.capitals:
            # A capital as a speaker or actor stands for its government ("Moscow said"),
            # also where the NER took it for a person ("talks with Yerevan").
            country = kb.capitals.get(key)
            if country and acts(ent.root):
                return index._from_entry(kb.actors[country], 0.8).id
            return None
        if ent.label_ == "PERSON" and not _people(ent, kb):
            if ent.root.dep_ == "pobj" and ent.root.head.lower_ in _SCENE_PREPS and \
                    kb.lookup_place(text):
                return None  # a town the NER took for a person ("fighting in Palmyra")
            return self._link_person(ent, key)
        if ent.label_ == "ORG":
            if any(key in title.split() for title in kb.titles):
                return None  # "Defense" in "Defense Minister" is no organisation
            return self._link_organization(ent, key)
        if ent.label_ in {"NORP", "PERSON"}:
            if kb.lookup_place(text):
                return None  # a town the NER took for a people ("near Samarra")
            # "Bosnian Serbs", "Iraqi Kurds": a people qualified by a country's demonym
            demonym = _people(ent, kb) or _demonym_before(ent, kb)
            name = text if demonym is None or demonym.i >= ent.start else \
                f"{demonym.text} {text}"
            build = index._actor(f"group:{slugify(name)}", name=name, kind="group",
                                 known=False, confidence=0.6)
            build.country = build.country or (
                kb.demonyms[normalize_name(demonym.text)] if demonym is not None else None)
            return build.id
        return None

    def _story_person(self, key: str) -> str | None:
        """A person already in the story whose name is ``key`` or ends with it, or else the
        one person whose first name it is ("Karen" after "Karen Matthews")."""
        tokens = key.split()
        first_names = []
        for build in self.index.actors.values():
            if build.kind != "person":
                continue
            names = [normalize_name(build.name), *self.seen.get(build.id, [])]
            if any(key != name and tokens == name.split()[-len(tokens):] for name in names) \
                    or key in names:
                return build.id
            if len(tokens) == 1 and any(len(name.split()) > 1 and name.split()[0] == key
                                        for name in names):
                first_names.append(build.id)
        return first_names[0] if len(first_names) == 1 else None

    def _link_person(self, ent: Span, key: str) -> str:
        index, kb = self.index, self.knowledge
        tokens = key.split()
        earlier = self._story_person(key)
        if earlier:
            return earlier
        cutoff = 88 if len(tokens) > 1 else 90
        if len(key) >= 5:
            match = process.extractOne(key, self.person_keys, scorer=fuzz.ratio,
                                       score_cutoff=cutoff)
            if match:
                persons = [kb.actors[i] for i in kb.actor_names[match[0]]
                           if kb.actors[i].kind == "person"]
                if len(persons) == 1:
                    return index._from_entry(persons[0], round(match[1] / 100 * 0.9, 2)).id
        namesakes = kb.namesakes(tokens[-1], index.published) if len(tokens) == 1 else []
        if len(namesakes) == 1 and index.published:
            # "Bush" in 1991 is the president of 1991
            return index._from_entry(namesakes[0], 0.7).id
        build = index._actor(f"person:{slugify(ent.text)}", name=ent.text, kind="person",
                             known=False, confidence=0.7)
        countries = {e.country for e in namesakes}
        if len(countries) == 1:
            build.country = build.country or countries.pop()  # which Bush, not which country
        return build.id

    def _link_organization(self, ent: Span, key: str) -> str:
        index, kb = self.index, self.knowledge
        for build in index.actors.values():
            if normalize_name(build.name) == key or \
                    build.kind != "person" and key == _acronym(build.name):
                return build.id  # also a person the NER once took for an organisation
        if len(key) > 5:
            match = process.extractOne(key, self.other_keys, scorer=fuzz.ratio,
                                       score_cutoff=92)
            if match:
                entry = kb.actors[kb.actor_names[match[0]][0]]
                named = self._country_in_name(ent)
                # "Armenian Ministry of Foreign Affairs" is not the Iranian one, however close
                if not (named and entry.country and named != entry.country):
                    return index._from_entry(entry, round(match[1] / 100 * 0.9, 2)).id
        sector = kb.sectors.get(ent.root.lemma_.lower(), {}).get("sector")
        named = self._country_in_name(ent)
        if sector in _STATE_SECTORS and named in kb.actors:
            # "the Armenian Ministry of Foreign Affairs": Armenia's government
            state = index._from_entry(kb.actors[named], 0.8)
            return index.state_part(state, sector, None).id
        build = index._actor(f"organization:{slugify(ent.text)}", name=ent.text,
                             kind="organization", known=False, confidence=0.7)
        # "the Latvian Constitutional Court", "Kenya Anti-Corruption Commission"
        build.country = build.country or self._country_in_name(ent)
        return build.id

    def _country_in_name(self, ent: Span) -> str | None:
        """The one country an organisation's name names: "Latvian Constitutional Court",
        "Kenya Anti-Corruption Commission", or a city it opens with ("Baghdad University")."""
        kb = self.knowledge
        countries = set()
        for token in ent:
            key = normalize_name(token.text)
            if key in kb.demonyms:
                countries.add(kb.demonyms[key])
            countries.update(e.country for e in kb.lookup_actor(token.text)
                             if e.kind == "country")
        if not countries and len(ent) > 1 and ent[0].pos_ == "PROPN":
            places = kb.lookup_place(ent[0].text)
            countries.update(p.country for p in places[:1] if p.country)
        return countries.pop() if len(countries) == 1 else None


def _person_name(ent: Span, knowledge: Knowledge) -> Span:
    """The name in a person entity that took in an honorific or a title: "Mr Starmer",
    "Malaysian Inspector-General of Police Khalid Abu Bakar"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if end - start > 1 and doc[start].lower_ in _HONORIFICS:
        start += 1
    for i in range(end - 3, start - 1, -1):
        token = doc[i]
        joined = token.text == "-" and not token.whitespace_ and \
            not doc[i - 1].whitespace_  # "Jean-Claude Juncker"
        if token.lower_ in knowledge.title_words or token.is_lower or token.tag_ == "POS" \
                or token.is_punct and not joined:
            if all(t.text[:1].isupper() and t.lower_ not in knowledge.title_words
                   for t in doc[i + 1:end]):
                start = i + 1
            break
    return Span(doc, start, end, label=ent.label_)


def _people(ent: Span, knowledge: Knowledge) -> Token | None:
    """The demonym opening a plural name ("Bosnian Serbs"), which names a people, not a
    person."""
    if len(ent) > 1 and ent[-1].tag_ in {"NNPS", "NNS"} and \
            normalize_name(ent[0].text) in knowledge.demonyms:
        return ent[0]
    return None


def _demonym_before(ent: Span, knowledge: Knowledge) -> Token | None:
    """A demonym just before a people's name and modifying it ("Iraqi Kurds")."""
    if ent.start == 0:
        return None
    before = ent.doc[ent.start - 1]
    if before.head.i in range(ent.start, ent.end) and before.dep_ in {"amod", "compound"} \
            and normalize_name(before.text) in knowledge.demonyms:
        return before
    return None


# Prepositions after which a capital names its government ("talks with Moscow"), not a place
_ACTOR_PREPS = _WORDS.prepositions["actor"]


def acts(token: Token) -> bool:
    """Whether a capital stands in an actor's slot ("Moscow said", "urged Beijing",
    "Moscow's decision", "an admission by Moscow") rather than a place's ("in Moscow")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "agent", "dobj", "dative", "poss"}:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _ACTOR_PREPS


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) > 1 else ""


def _title_context(ent: Span, knowledge: Knowledge) -> tuple[str | None, list[Token]]:
    """Title and the modifier tokens given with a person: before the name or in apposition."""
    doc = ent.doc
    root = ent.root
    pieces: list[Span] = []
    if root.left_edge.i < ent.start:
        pieces.append(doc[root.left_edge.i:ent.start])
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            pieces.append(doc[child.left_edge.i:child.right_edge.i + 1])
    if root.dep_ == "appos" and root.head.i < ent.start:
        # "a member of the Syrian parliament, Mohammed Mamoun,"
        pieces.append(noun_phrase(root.head))
    title = None
    tokens: list[Token] = []
    for piece in pieces:
        match = knowledge.title_pattern.search(normalize_name(piece.text))
        if match:
            title = title or match.group(1)
        tokens.extend(piece)
    return title, tokens


def resolve_actors(doc: Doc, context: Context) -> ActorIndex:
    """Find every named actor in the story and link the mentions of each: the actor
    register that later stages resolve mentions against (and may add to)."""
    knowledge = context.knowledge
    index = ActorIndex(doc, knowledge, context.published)
    linker = _Linker(index)
    entities = [e for e in doc.ents if e.label_ in _ACTOR_LABELS]
    # Full names first, so that a later (or earlier) surname finds its person.
    ordered = sorted(entities, key=lambda e: (e.label_ != "PERSON" or len(e) == 1, e.start))
    linked: list[tuple[Span, str]] = []
    for ent in ordered:
        span = clean_entity(ent)
        if len(span) > 1 and span[0].lower_ in _HONORIFICS:
            span = Span(doc, span.start, span.end, label="PERSON")  # "Mr Pence" as an ORG
        if span.label_ == "PERSON":
            span = _person_name(span, knowledge)
        if not len(span):
            continue
        actor_id = linker.link(span)
        if actor_id:
            linker.remember(actor_id, span)
            linked.append((span, actor_id))
    for span, actor_id in sorted(linked, key=lambda pair: pair[0].start):
        index.add_mention(actor_id, span)
    _link_demonym_modifiers(index)
    for span, actor_id in linked:
        build = index.actors[actor_id]
        if build.kind != "person":
            continue
        title, tokens = _title_context(span, knowledge)
        if title and not (build.known and build.title):
            # The knowledge base's dated positions beat a title read from the text.
            build.title = title
            entry = knowledge.titles[title]
            build.add_role(entry.get("role"))
            for role in entry.get("also", []):
                build.add_role(role)
        for token in tokens:
            other = index.token_actor.get(token.i)
            if not other or other == actor_id:
                continue
            owner = index.actors[other]
            if owner.kind == "country":
                build.country = build.country or owner.country
                if token.i < span.start:
                    # "Japanese Prime Minister Shinzo Abe" names Abe, not Japan as a party
                    owner.mentions.pop((token.idx, token.idx + len(token)), None)
            if owner.kind in {"group", "organization", "igo", "media", "country"} and \
                    not build.affiliation:
                build.affiliation = other
                build.country = build.country or owner.country
                build.code = build.code or _affiliated_code(owner)
        if build.country is None and title and \
                knowledge.titles[title].get("role") in _DOMESTIC_ROLES:
            # "President Yoweri Museveni has banned Ugandan opposition candidates": an
            # office holder the knowledge base does not know serves the one country named
            # in the sentence, if only one is
            build.country = _only_country(index, sentence_of(span.root))
        if build.code is None and build.country and title:
            sector = knowledge.titles[title].get("sector")
            if sector:
                build.code = f"{build.country}{sector}"
    _bare_surnames(index)
    _sector_mentions(index)
    _wire_credits(index)
    return index


def _bare_surnames(index: ActorIndex) -> None:
    """A surname the NER left untagged ("Sessions in a statement denied ...") is a mention of
    the one person of the story who bears it."""
    bearers: dict[str, set[str]] = {}
    for actor_id, build in index.actors.items():
        parts = build.name.split()
        if build.kind == "person" and len(parts) > 1 and len(parts[-1]) > 2 and \
                parts[-1][0].isupper():
            bearers.setdefault(parts[-1], set()).add(actor_id)
    doc = index.doc
    for token in doc:
        ids = bearers.get(token.text)
        if not ids or len(ids) > 1 or token.i in index.token_actor or token.ent_type_ or \
                token.pos_ not in {"PROPN", "NOUN"}:
            continue
        if any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title
               for j in (token.i - 1, token.i + 1)):
            continue  # part of another name
        index.add_mention(next(iter(ids)), token)


# Where a story credits the agencies it comes from: "MOSCOW, March 1. /TASS/." at the start;
# "(Reuters, AFP) -", "jbh/jm (Reuters, AP)" or "Source:-Al Jazeera News" at the end
_OPENING_CREDIT = re.compile(r"/\s*([A-Z][\w .-]{1,30}?)\s*/")
_CLOSING_CREDITS = (re.compile(r"\(([^()]{2,60})\)[\s-]*$"),
                    re.compile(r"Source:\W*([^\n]{2,60}?)\s*$"))


def _wire_credits(index: ActorIndex) -> None:
    """The news agencies a story credits in its dateline or its closing line."""
    doc, text = index.doc, text_of(index.doc)
    found = []
    head = _OPENING_CREDIT.search(text[:80])
    if head:
        found.append((head.start(1), head.group(1)))
    tail_start = max(0, len(text) - 150)
    for pattern in _CLOSING_CREDITS:
        tail = pattern.search(text[tail_start:])
        if tail:
            offset = tail_start + tail.start(1)
            for part in re.finditer(r"[^,]+", tail.group(1)):
                found.append((offset + part.start(), part.group()))
    for start, name in found:
        name = name.strip()
        start = text.index(name, start) if name else start
        for candidate in (name, re.sub(r"\s+(news agency|news|agency)$", "", name, flags=re.I)):
            media = [e for e in index.knowledge.lookup_actor(candidate) if e.kind == "media"]
            if media:
                span = doc.char_span(start, start + len(name), alignment_mode="expand")
                if span is not None and len(span):
                    index.add_mention(index._from_entry(media[0], 0.9).id, span)
                break


def _sector_mentions(index: ActorIndex) -> None:
    """Every collective noun of a sector heading its phrase ("police", "Israeli troops",
    "protesters") names that sector's actor, whether or not a later stage asks."""
    sectors = index.knowledge.sectors
    for token in index.doc:
        if token.i in index.token_actor or token.lemma_.lower() not in sectors or \
                token.lemma_.lower() in _TITLE_WORDS or _told(token) or \
                token.dep_ in {"compound", "amod", "nmod", "poss"} or \
                token.dep_ == "pobj" and token.head.lower_ == "into" and not token.n_lefts:
            continue  # … and "came into force" names no armed force
        if token.pos_ == "NOUN":
            index.resolve(token)
        elif token.pos_ == "PROPN" and not token.ent_type_:
            # "Police arrested …" at the start of a sentence, tagged as a name
            found = index._sector_actor(token)
            if found:
                index.add_mention(found, noun_phrase(token))


def _told(token: Token) -> bool:
    """Whether a press noun is whom a statement was made to ("told reporters", "speaking
    to journalists"): the channel of a quote, not a party."""
    head = token.head.head if token.dep_ == "pobj" else token.head
    return token.lemma_.lower() in _PRESS and head.lemma_.lower() in _TELLING


def _indefinite_single(token: Token) -> bool:
    """"a peacekeeping force" (to be sent) is no party yet."""
    return token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in _INDEFINITE
                                      for c in token.children)


def _affiliated_code(owner: _Build | None) -> str | None:
    """A member of an organisation without a country is coded as it is ("IGOUNO" for a
    U.N. mediator); members of a country's bodies get country and sector elsewhere."""
    if owner is None or owner.country or owner.kind == "country":
        return None
    return owner.code


# Roles of titles held at home; an ambassador or envoy serves abroad
_DOMESTIC_ROLES = _WORDS.roles["domestic"]


def _only_country(index: ActorIndex, sentence: Span) -> str | None:
    """The one country the sentence's countries and national bodies belong to."""
    countries = {index.actors[index.token_actor[t.i]].country for t in sentence
                 if t.i in index.token_actor
                 and index.actors[index.token_actor[t.i]].kind in {"country", "group",
                                                                   "organization"}}
    countries.discard(None)
    return countries.pop() if len(countries) == 1 else None


def _link_demonym_modifiers(index: ActorIndex) -> None:
    """A demonym modifying a noun ("Ghanaian authorities") that the NER left untagged
    names its country."""
    kb = index.knowledge
    for token in index.doc:
        if token.i in index.token_actor or token.dep_ not in {"amod", "compound"} or \
                token.ent_type_ in {"PERSON", "ORG"}:
            continue
        country = kb.demonyms.get(normalize_name(token.text))
        if country and country in kb.actors:
            index.add_mention(index._from_entry(kb.actors[country], 0.8).id, token)
