"""Times: date expressions resolved against the publication date.

News convention: a bare weekday ("on Wednesday") is the latest such day on or before
publication; a month or day named without a year is in the year nearest the publication
(the clause's tense decides between two about as near); "last April" is the latest April
before the publication's month. Relative expressions without a publication date stay
unresolved (null).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Doc

from wirecoder.extract.context import Context
from wirecoder.records import TimeExpression

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": None}
_SKIP = re.compile(r"\d+-(year|month|day|week)s?-old|\bages?\b|\bold\b", re.I)


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def resolve_relative(text: str, published: dt.date) -> tuple[dt.date, str] | None:
    """Resolve a relative expression ("last week", "Wednesday", "two days ago")."""
    lower = text.lower().strip()
    lower = re.sub(r"^(on|since|until|by|from|early|late|earlier|later)\s+", "", lower)
    lower = re.sub(r"^(the\s+)?(morning|afternoon|evening|night)\s+of\s+", "", lower)
    if re.fullmatch(r"(today|tonight|this (morning|afternoon|evening))", lower):
        return published, "day"
    if re.fullmatch(r"(yesterday|last night)( (morning|afternoon|evening))?", lower):
        return published - dt.timedelta(days=1), "day"
    if re.fullmatch(r"tomorrow( (morning|afternoon|evening))?", lower):
        return published + dt.timedelta(days=1), "day"
    match = re.fullmatch(r"(last|this|next|coming)?\s*(monday|tuesday|wednesday|thursday|"
                         r"friday|saturday|sunday)( (morning|afternoon|evening|night))?", lower)
    if match:
        which, weekday = match.group(1), _WEEKDAYS.index(match.group(2))
        delta = (published.weekday() - weekday) % 7
        if which in {"next", "coming"}:
            return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7), \
                "day"
        if which == "last" and delta == 0:
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
    match = re.fullmatch(r"(last|this|next|past)\s+(week|month|year)", lower)
    if match:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[match.group(1)]
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
        if unit in {"day", "week"}:
            days = count * (7 if unit == "week" else 1)
            return published - dt.timedelta(days=days), "day"
        if unit == "month":
            return _months_back(published, count), "month"
        return dt.date(published.year - count, 1, 1), "year"
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
    if re.fullmatch(r"(19|20)\d\d", cleaned):
        return dt.date(int(cleaned), 1, 1), "year"
    has_year = re.search(r"\b(19|20)\d\d\b", cleaned) is not None
    if not has_year and published is None:
        return None
    if not re.search(r"\d|january|february|march|april|may|june|july|august|september|"
                     r"october|november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.",
                     cleaned, re.I):
        return None
    if re.search(r"\d0s\b", cleaned):  # a decade ("the 1990s") is no date
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


def _tense(span) -> str | None:
    """Whether the clause of a date expression tells of the past ("was signed") or the
    future ("will meet"), or neither."""
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "shall"} for c in verb.children) \
            or verb.lower_ in {"will", "'ll"}:
        return "future"
    helpers = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in helpers):
        return "past"
    return None


def _nearest(value: dt.date, published: dt.date, tense: str | None) -> dt.date:
    """A month or day named without a year, in the year that puts it nearest the
    publication ("December" written in April is last December, "April" written in December
    is next April); where two years are about as near, the clause's tense decides."""
    options = []
    for step in (-1, 0, 1):
        try:
            options.append(value.replace(year=published.year + step))
        except ValueError:  # 29 February in a year without it
            continue
    options.sort(key=lambda day: abs((day - published).days))
    if tense and len(options) > 1 and abs(abs((options[0] - published).days)
                                          - abs((options[1] - published).days)) < 45:
        wanted = [d for d in options[:2] if (d <= published) == (tense == "past")]
        return (wanted or options)[0]
    return options[0]


#: Confidence of a date expression: resolved by the text alone ("3 March 2024"), resolved
#: against the publication date ("Wednesday", "March 3"), or left without a value.
_CONFIDENCE = {"absolute": 0.9, "relative": 0.8, "unresolved": 0.5}


def resolve_times(doc: Doc, context: Context) -> list[TimeExpression]:
    """Every date expression in the story, resolved where the text allows."""
    published = context.published
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or _SKIP.search(ent.text):
            continue
        span = ent
        resolved = resolve_relative(span.text, published) if published else None
        how = "relative"
        if resolved is None:
            resolved = resolve_absolute(span.text, published)
            has_year = re.search(r"\b(19|20)\d\d\b", span.text) is not None
            how = "absolute" if has_year else "relative"
        value, grain = resolved if resolved else (None, None)
        if value is not None and published and how == "relative" and grain in {"day", "month"} \
                and resolve_relative(span.text, published) is None:
            value = _nearest(value, published, _tense(span))
        found.append(TimeExpression(text=span.text, start=span.start_char, end=span.end_char,
                                    value=value, grain=grain,
                                    confidence=_CONFIDENCE[how if resolved else "unresolved"]))
    return found
