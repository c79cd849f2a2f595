"""Times: date expressions resolved against the publication date.

News convention: a bare weekday ("on Wednesday") is the latest such day on or before
publication, or the next one where the clause tells of the future ("will meet on Monday");
a month or day named without a year is the latest one before publication in a clause in
the past tense, the next one in a clause in the future, else the nearest; "last April" is
the latest April before the publication's month; a quarter or season without a year
likewise. "The quarter", "that year" and "a year earlier" refer to the quarter or year the
story last named. A range ("1991 to 1997", "2009-10", "between March and May") gets both
ends. "Now", "recently" and "the future" are references to the present, past and future
without a date. Ages, counts and frequencies ("65", "quarterly") are no dates. Relative
expressions without a publication date stay unresolved (null).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from wirecoder.extract.context import Context
from wirecoder.knowledge.lexicons import grammar_words
from wirecoder.records import TimeExpression

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": None}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}
#: a season's first month, and how TimeML writes it
_SEASONS = {"winter": (1, "WI"), "spring": (3, "SP"), "summer": (6, "SU"), "fall": (9, "FA"),
            "autumn": (9, "FA")}
_SKIP = re.compile(r"\d+-(year|month|day|week)s?-old|\bages?\b|\bold\b", re.I)
_YEAR = re.compile(r"\b(1[0-9]|20)\d\d\b")
#: words that open a phrase around a date and say nothing of its value
_LEADING = re.compile(r"^(?:on|in|since|until|by|from|at least|nearly|about|some|sometime|"
                      r"more than|less than|as early as|as late as|the full|the comparable|"
                      r"the corresponding|the same|the)\s+", re.I)
#: a period and the day it ended on: "the quarter ended Sept. 30"
_ENDED = {"ended", "ending"}
#: a range's two ends: "1991 to 1997", "Aug. 26 to Oct. 20", "between 1982 and 1992"
_RANGE = re.compile(r"^(?:between|from)?\s*(.+?)\s*(?:-|–|—|\bto\b|\bthrough\b|\buntil\b|"
                    r"\band\b)\s*(.+)$", re.I)


_REFERENCE_PERIODS = re.compile(
    r"(?:the )?(?:(coming|next few|future)|recent|past|past few|past several|last few|last "
    r"several) (?:days|weeks|months|quarters|years|decades)")


@dataclass(frozen=True)
class Resolved:
    value: dt.date | None
    grain: str | None
    until: dt.date | None = None
    reference: str | None = None
    how: str = "relative"  # absolute, relative (publication date), story (what it named)


class _Story:
    """The quarter and year the story last named, for "the quarter" and "that year"."""

    def __init__(self) -> None:
        self.quarter: dt.date | None = None
        self.year: int | None = None

    def saw(self, resolved: Resolved) -> None:
        if resolved.value is None:
            return
        if resolved.grain == "quarter":
            self.quarter = resolved.value
        if resolved.grain in {"quarter", "year", "month", "day", "season", "half"}:
            self.year = resolved.value.year


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _quarter_of(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _last_day(value: dt.date, grain: str) -> dt.date:
    """The last day of the period a value starts at its grain."""
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120}
    if grain in months:
        return _months_back(value, -months[grain]) - dt.timedelta(days=1)
    return value + dt.timedelta(days=6 if grain == "week" else 0)


def _in_year(month: int, published: dt.date, which: str | None, tense: str | None,
             span: int = 1) -> dt.date:
    """The first day of a period of ``span`` months starting in ``month``, in the year that
    "last", "this" or "next" or else the clause's tense chooses (nearest if neither)."""
    this = dt.date(published.year, month, 1)
    ends_before = _months_back(this, -span) <= dt.date(published.year, published.month, 1)
    if which in {"last", "past", "this past"} or which is None and tense == "past":
        return this if ends_before or which is None and this <= published else \
            this.replace(year=published.year - 1)
    if which in {"next", "coming"} or which is None and tense == "future":
        return this if this > published else this.replace(year=published.year + 1)
    if which == "this":
        return this
    if which == "began":
        return this if this <= published else this.replace(year=published.year - 1)
    options = [this.replace(year=published.year + step) for step in (-1, 0, 1)]
    return min(options, key=lambda day: abs((day - published).days))


def resolve_relative(text: str, published: dt.date, tense: str | None = None
                     ) -> tuple[dt.date, str] | None:
    """Resolve a relative expression ("last week", "Wednesday", "two days ago")."""
    lower = text.lower().strip()
    lower = re.sub(r"^(on|since|until|by|from|early|late|earlier|later|almost|nearly|about|"
                   r"some|more than)\s+", "", lower)
    lower = re.sub(r"^(the\s+)?(morning|afternoon|evening|night)\s+of\s+", "", lower)
    if re.fullmatch(r"(today|tonight|this (morning|afternoon|evening))", lower):
        return published, "day"
    if re.fullmatch(r"(yesterday|last night)( (morning|afternoon|evening))?", lower):
        return published - dt.timedelta(days=1), "day"
    if re.fullmatch(r"tomorrow( (morning|afternoon|evening|night))?", lower):
        return published + dt.timedelta(days=1), "day"
    match = re.fullmatch(r"(last|this coming|this|next|coming|the previous)?\s*(monday|tuesday|"
                         r"wednesday|"
                         r"thursday|friday|saturday|sunday)( (morning|afternoon|evening|night))?",
                         lower)
    if match:
        which, weekday = match.group(1), _WEEKDAYS.index(match.group(2))
        ahead = (weekday - published.weekday()) % 7
        if which in {"next", "coming", "this coming"} or which is None and ahead and \
                tense == "future":
            return published + dt.timedelta(days=ahead or 7), "day"
        delta = (published.weekday() - weekday) % 7
        if which in {"last", "the previous"} and delta == 0:
            delta = 7
        return published - dt.timedelta(days=delta), "day"
    match = re.fullmatch(r"(last|this|next)\s+(" + "|".join(_MONTHS) + ")", lower)
    if match:  # "last April": the latest April before this month
        month = _MONTHS.index(match.group(2)) + 1
        year = published.year
        if match.group(1) == "last" and month >= published.month:
            year -= 1
        elif match.group(1) == "next" and month <= published.month:
            year += 1
        return dt.date(year, month, 1), "month"
    match = re.fullmatch(r"(last|this|next|past|coming)\s+(week|month|year)", lower)
    if match:
        step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[match.group(1)]
        unit = match.group(2)
        if unit == "week":
            monday = published - dt.timedelta(days=published.weekday())
            return monday + dt.timedelta(weeks=step), "week"
        if unit == "month":
            return _months_back(published, -step), "month"
        return dt.date(published.year + step, 1, 1), "year"
    match = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+(ago|earlier)", lower)
    if match:
        count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS.get(
            match.group(1))
        if count is None:
            return None
        unit = match.group(2)
        if unit == "day":
            return published - dt.timedelta(days=count), "day"
        if unit == "week":
            monday = published - dt.timedelta(days=published.weekday())
            return monday - dt.timedelta(weeks=count), "week"
        if unit == "month":
            return _months_back(published, count), "month"
        return dt.date(published.year - count, 1, 1), "year"
    match = re.fullmatch(r"(" + "|".join(_MONTHS) + r")\s+(last|this|next)\s+year", lower)
    if match:  # "June last year"
        step = {"last": -1, "this": 0, "next": 1}[match.group(2)]
        return dt.date(published.year + step, _MONTHS.index(match.group(1)) + 1, 1), "month"
    return None


@lru_cache(maxsize=256)
def _parser(published: dt.date | None):
    """A date parser whose relative base is the publication date."""
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published or dt.date(2000, 1, 1), dt.time())
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                      "RELATIVE_BASE": base})


def resolve_absolute(text: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """Resolve a calendar expression ("March 3", "3 March 2024", "May 2017", "2016")."""
    cleaned = re.sub(r"^(on|in|since|until|by|from|early|late|mid|the)(\s+|-(?=\w))", "",
                     text.strip(), flags=re.I)
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", cleaned)
    if re.fullmatch(r"(1[0-9]|20)\d\d", cleaned):
        return dt.date(int(cleaned), 1, 1), "year"
    has_year = _YEAR.search(cleaned) is not None
    if not has_year and published is None:
        return None
    if not re.search(r"\d|january|february|march|april|may|june|july|august|september|"
                     r"october|november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.",
                     cleaned, re.I):
        return None
    if re.search(r"\d0s\b", cleaned):  # a decade is read by _periods
        return None
    if re.fullmatch(r"\d{1,2}", cleaned):  # a bare number ("29") is no date
        return None
    try:
        data = _parser(published).get_date_data(cleaned)
        if data.date_obj is None:
            return None
        grain = data.period if data.period in {"day", "week", "month", "year"} else "day"
        value = data.date_obj.date()
        if not has_year and published is not None:
            value = value.replace(year=published.year)
    except (ValueError, OverflowError):
        return None  # an impossible date ("February 30"): abstain
    return value, grain


def _periods(lower: str, published: dt.date | None, tense: str | None,
             story: _Story) -> Resolved | None:
    """Decades, seasons, quarters, halves, the story's own quarter and year."""
    match = re.fullmatch(r"(?:early|mid|late)?[- ]?(?:the )?(1[0-9]|20)(\d)0'?s", lower)
    if match:
        return Resolved(dt.date(int(match.group(1) + match.group(2) + "0"), 1, 1), "decade",
                        how="absolute")
    year = _YEAR.search(lower)
    stated = int(year.group(0)) if year else None
    which = re.match(r"(this past|last|this|next|past|coming)\b", lower)
    which = which.group(1) if which else None
    match = re.search(r"\b(winter|spring|summer|fall|autumn)\b", lower)
    if match and re.fullmatch(r"(?:(?:this past|last|this|next|past|coming|early|late|the"
                              r"|the early|the late)\s+)?(?:winter|spring|summer|fall|autumn)"
                              r"(?:\s+of\s+(?:1[0-9]|20)\d\d)?", lower):
        month = _SEASONS[match.group(1)][0]
        if stated:
            return Resolved(dt.date(stated, month, 1), "season", how="absolute")
        if published:
            return Resolved(_in_year(month, published, which, tense, 3), "season")
        return None
    match = re.fullmatch(r"(?:the |an? |a flat )?(?:(?:fiscal|calendar)[- ])?"
                         r"(?:((?:1[0-9]|20)\d\d) )?(?:fiscal[- ])?"
                         r"(first|second|third|fourth|1st|2nd|3rd|4th)[- ]"
                         r"(quarter|half)(?: of (?:fiscal )?((?:1[0-9]|20)\d\d))?(?: period)?",
                         lower)
    if match:
        number, unit = _ORDINALS[match.group(2)], match.group(3)
        if unit == "half" and number > 2:
            return None
        months = 3 if unit == "quarter" else 6
        month = (number - 1) * months + 1
        stated = int(match.group(1) or match.group(4) or 0) or None
        if stated:
            return Resolved(dt.date(stated, month, 1), unit, how="absolute")
        if published is None:
            return None
        # a quarter is reported after it ends: "the third quarter" written in October, also
        # in "will report third-quarter results"
        return Resolved(_in_year(month, published, which or "began", None, months), unit)
    if re.fullmatch(r"(?:the |that |this )?(?:latest |current |most recent |same )?"
                    r"(?:fiscal )?(?:quarter|period)", lower):
        if "current" in lower and published:
            return Resolved(_quarter_of(published), "quarter")
        if story.quarter:
            return Resolved(story.quarter, "quarter", how="story")
        return None
    match = re.fullmatch(r"(?:the )?((?:1[0-9]|20)\d\d) (?:fiscal )?(?:quarter|period)", lower)
    if match and story.quarter:  # "the 1988 quarter": the story's quarter in 1988
        return Resolved(story.quarter.replace(year=int(match.group(1))), "quarter", how="story")
    if re.fullmatch(r"(?:a year (?:ago|earlier)|(?:the )?(?:comparable )?year-(?:ago|earlier)"
                    r"(?: (?:third |second |first |fourth )?(?:quarter|period))?"
                    r"|(?:the )?corresponding period (?:a year ago|last year)"
                    r"|(?:the )?(?:quarter|period) a year (?:ago|earlier))", lower):
        if story.quarter:
            return Resolved(story.quarter.replace(year=story.quarter.year - 1), "quarter",
                            how="story")
        if lower.startswith("a year") and published:
            try:
                return Resolved(published.replace(year=published.year - 1), "day")
            except ValueError:
                return Resolved(published - dt.timedelta(days=365), "day")
        return None
    if re.fullmatch(r"that year|the same year", lower) and story.year:
        return Resolved(dt.date(story.year, 1, 1), "year", how="story")
    if re.fullmatch(r"the (?:following|next) year|a year later", lower) and story.year:
        return Resolved(dt.date(story.year + 1, 1, 1), "year", how="story")
    if published and re.fullmatch(r"(?:(?:earlier|later) (?:this|in the)|this|the|the current"
                                  r"|the full|the fiscal|this fiscal) year", lower):
        return Resolved(dt.date(published.year, 1, 1), "year")
    if published and re.fullmatch(r"the (?:past|previous|last) year", lower):
        return Resolved(dt.date(published.year - 1, 1, 1), "year")
    if published and re.fullmatch(r"(?:the )?(?:next|coming) year(?: or so)?", lower):
        return Resolved(dt.date(published.year + 1, 1, 1), "year")
    if published and lower in {"year-end", "the year-end", "the end of the year",
                               "the end of this year", "end of the year"}:
        year = published.year - 1 if tense == "past" and published.month < 7 else \
            published.year
        return Resolved(dt.date(year, 12, 31), "day")
    return None


def resolve(text: str, published: dt.date | None, tense: str | None = None,
            story: _Story | None = None) -> Resolved | None:
    """The value of a date expression, or of the date that ends it ("coup d'etat last
    year"), or None where the text does not say."""
    words = text.split()
    for first in range(len(words)):
        found = _resolve(" ".join(words[first:]), published, tense, story)
        if found or len(words) - first <= 1:
            return found
    return None


def _resolve(text: str, published: dt.date | None, tense: str | None = None,
             story: _Story | None = None) -> Resolved | None:
    story = story or _Story()
    words = grammar_words().times
    lower = re.sub(r"['’]s$", "", text.lower().strip())
    for reference in ("present", "past", "future"):
        if lower in words[reference]:
            return Resolved(None, None, reference=reference)
    match = _REFERENCE_PERIODS.fullmatch(lower)
    if match:  # "recent years", "the past several quarters", "coming months"
        return Resolved(None, None, reference="future" if match.group(1) else "past")
    while (shorter := _LEADING.sub("", lower)) != lower and shorter:
        lower = shorter
    lower = re.sub(r"^(?:the )?(?:end|beginning|start|middle) of ", "", lower)
    found = _periods(lower, published, tense, story) or _periods(f"the {lower}", published,
                                                                   tense, story)
    if found:
        return found
    match = _RANGE.match(lower)
    if match:
        first, second = match.group(1), match.group(2)
        start = _single(first, published, tense) or _periods(first, published, tense, story)
        if start and start.value and re.fullmatch(r"\d\d", second) and start.grain == "year":
            second = f"{start.value.year // 100}{second}"  # "1957-58"
        elif start and start.value and re.fullmatch(r"\d{1,2}", second) \
                and start.grain == "day":
            second = f"{_MONTHS[start.value.month - 1]} {second} {start.value.year}"
        end = _single(second, published, tense) or _periods(second, published, tense, story)
        if start and end and start.value and end.value and end.value >= start.value:
            return Resolved(start.value, start.grain, until=_last_day(end.value, end.grain),
                            how=max(start.how, end.how))  # the weaker of the two
    return _single(lower, published, tense)


@lru_cache(maxsize=8192)
def _single(lower: str, published: dt.date | None, tense: str | None) -> Resolved | None:
    if published:
        relative = resolve_relative(lower, published, tense)
        if relative:
            return Resolved(*relative)
    absolute = resolve_absolute(lower, published)
    if absolute is None:
        return None
    value, grain = absolute
    if _YEAR.search(lower):
        return Resolved(value, grain, how="absolute")
    weekday = next((n for n, day in enumerate(_WEEKDAYS) if day in lower), None)
    if published and grain == "day" and weekday is not None:
        # "Saturday, April 25": the year in which that day is a Saturday
        for step in (0, -1, 1):
            try:
                dated = value.replace(year=published.year + step)
            except ValueError:
                continue
            if dated.weekday() == weekday:
                return Resolved(dated, grain)
    if published and grain in {"day", "month"}:
        value = _nearest(value, published, tense)
    return Resolved(value, grain)


def _tense(span: Span) -> str | None:
    """Whether the clause of a date expression tells of the past ("was signed") or the
    future ("will meet"), or neither."""
    before = span.doc[max(span.start - 3, 0):span.start].text.lower()
    if re.search(r"\b(until|through|by|as soon as|as early as)$", before):
        return "future"  # a deadline: "until Tuesday", "as soon as Monday"
    if span.root.dep_ in {"compound", "nmod", "poss", "amod"}:
        return None  # a date that names a thing ("the Jan. 14 deadline") has no tense
    head = span.root.head
    if head.lemma_.lower() in grammar_words().times["ahead"] or \
            head.head.lemma_.lower() in grammar_words().times["ahead"]:
        return "future"  # "payable Dec. 1", "scheduled to close Monday"
    verb = span.root

    def tenseless(token) -> bool:  # no verb, or a participle or gerund with no auxiliary
        return token.pos_ not in {"VERB", "AUX"} or token.tag_ in {"VBN", "VBG"} and not any(
            c.dep_ in {"aux", "auxpass"} for c in token.children)

    while tenseless(verb) and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    helpers = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    future = grammar_words().modality["future"] - {"would"}
    if verb.lower_ in future or any(c.lower_ in future for c in helpers) or \
            verb.tag_ == "VB" and any(c.lower_ == "to" for c in helpers):
        return "future"  # "will meet", "planned to leave"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in helpers) or \
            verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in helpers):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or any(c.tag_ in {"VBZ", "VBP"} for c in helpers):
        return "present"
    return None


def _nearest(value: dt.date, published: dt.date, tense: str | None) -> dt.date:
    """A month or day named without a year: the latest one on or before publication in a
    clause in the past, the next one in a clause in the future, else the nearest."""
    options = []
    for step in (-1, 0, 1):
        try:
            options.append(value.replace(year=published.year + step))
        except ValueError:  # 29 February in a year without it
            continue
    if tense == "past":
        before = [d for d in options if d <= published]
        return before[-1] if before else options[0]
    if tense == "future":
        after = [d for d in options if d >= published]
        return after[0] if after else options[-1]
    # news tells of the past more than of the future: the next one only if much nearer
    return min(options, key=lambda day: abs((day - published).days) + (60 if day > published
                                                                         else 0))


#: Confidence of a date expression: resolved by the text alone ("3 March 2024"), against
#: the publication date ("Wednesday", "March 3"), by what the story named before ("that
#: year"), a reference without a date ("now"), or left without a value.
_CONFIDENCE = {"absolute": 0.9, "relative": 0.8, "story": 0.7, "reference": 0.7,
               "unresolved": 0.5}


def _expressions(doc: Doc) -> list[Span]:
    """The date expressions of a story in text order: its DATE entities, cut where a period
    is followed by the day it ended ("the quarter | ended | Sept. 30"), and the words of
    days and references ("today", "now") the entity recogniser left out."""
    words = grammar_words().times
    found: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "TIME" and any(t.lower_ in words["days"] for t in ent):
            found.append(ent)  # "Sunday night", "tonight": a day, whatever the hour
            continue
        if ent.label_ != "DATE" or _SKIP.search(ent.text):
            continue
        text = ent.text.strip().lower()
        if re.fullmatch(r"[\d.,]+", text) and not re.fullmatch(r"(1[0-9]|20)\d\d", text) \
                or text in words["frequencies"]:
            continue  # an age or a count ("65"), a frequency ("quarterly")
        start = ent.start
        for token in ent:
            if token.lower_ in _ENDED and token.i > start:
                found.append(doc[start:token.i])
                start = token.i + 1
        if start < ent.end:
            found.append(doc[start:ent.end])
    taken = {token.i for span in found for token in span} | \
        {token.i for ent in doc.ents for token in ent}
    for token in doc:
        if token.i in taken:
            continue
        if token.lower_ in words["days"] and (token.is_lower or token.is_title) \
                or token.lower_ in words["present"] | words["past"] and token.pos_ == "ADV":
            found.append(doc[token.i:token.i + 1])
        elif token.lower_ == "future" and token.i and doc[token.i - 1].lower_ in {"the", "near"}:
            first = token.i - (2 if token.i > 1 and doc[token.i - 2].lower_ == "the" else 1)
            found.append(doc[first:token.i + 1])
    return sorted(found, key=lambda span: span.start)


def resolve_times(doc: Doc, context: Context) -> list[TimeExpression]:
    """Every date expression in the story, resolved where the text allows."""
    published = context.published
    story = _Story()
    found = []
    for span in _expressions(doc):
        resolved = resolve(span.text, published, _tense(span), story)
        if resolved is None:
            how = "unresolved"
            resolved = Resolved(None, None)
        else:
            how = "reference" if resolved.reference else resolved.how
            if how != "story":
                story.saw(resolved)
        found.append(TimeExpression(text=span.text, start=span.start_char, end=span.end_char,
                                    value=resolved.value, grain=resolved.grain,
                                    until=resolved.until, reference=resolved.reference,
                                    confidence=_CONFIDENCE[how]))
    return found
