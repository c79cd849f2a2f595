"""The ``evaluate`` and ``train`` commands: scores against gold data, and model training."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from wirecoder.cli.help import App
from wirecoder.cli.options import fail, pipeline_for, printable
from wirecoder.evaluation import actors as actor_scores
from wirecoder.evaluation import event_stories as event_story_scores
from wirecoder.evaluation import events as event_scores
from wirecoder.evaluation import places as place_scores
from wirecoder.evaluation import positions as position_scores
from wirecoder.evaluation import quotes as quote_scores
from wirecoder.evaluation import statements as statement_scores
from wirecoder.evaluation import times as time_scores
from wirecoder.evaluation.polnear import read_split

# options the commands share
EventTrainSplit = Annotated[Path, typer.Option(help="The event gold training split: "
                                                   "gold/events/train")]
WeightsFile = Annotated[Path, typer.Option(help="Where to write the weights (JSON)")]
SplitName = Annotated[str, typer.Option(help="Which split: train, dev, test or all")]
SharedFolder = Annotated[Path, typer.Option(help="The shared data folder whose corpora the "
                                                 "gold files annotate")]

evaluate_app = App(help="Score wirecoder against public gold data.", no_args_is_help=True)


@evaluate_app.command("quotes")
def evaluate_quotes(
    gold: Annotated[Path, typer.Option(help="A PolNeAR split folder, e.g. "
                                            "../shared/eval/polnear/dev")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles")] = None,
    quote_model: Annotated[Path | None, typer.Option(
        help="Quote scorer weights to score [default: built in]")] = None,
    rules_only: Annotated[bool, typer.Option(
        help="Leave the learned quote scorer out: rules alone")] = False,
) -> None:
    """Precision, recall and F1 of quotes on PolNeAR (content, and content + speaker)."""

    if not (gold / "text").is_dir():
        raise fail(f"{gold}: not a PolNeAR split folder (no text/ inside)")
    articles = read_split(gold)[:limit]
    pipeline = pipeline_for([], quote_model=quote_model, rules_only=rules_only)
    table_data = quote_scores.evaluate(pipeline, articles)
    title = f"Quotes on PolNeAR {gold.name} ({len(articles)} articles" + \
        (", rules only)" if rules_only else ")")
    table = Table(title=title)
    for column in ("publisher", "gold", "predicted", "content P", "content R", "content F1",
                   "+speaker P", "+speaker R", "+speaker F1"):
        table.add_column(column, justify="right" if column != "publisher" else "left",
                         no_wrap=True)
    for publisher in sorted(table_data, key=lambda p: (p == "all", p)):
        counts = table_data[publisher]
        content = quote_scores.Counts.prf(counts.content, counts.predicted, counts.gold)
        speaker = quote_scores.Counts.prf(counts.speaker, counts.predicted, counts.gold)
        table.add_row(publisher, str(counts.gold), str(counts.predicted),
                      *(f"{v:.3f}" for v in (*content, *speaker)),
                      style="bold" if publisher == "all" else None)
    Console(width=max(Console().width, 120)).print(table)


@evaluate_app.command("events")
def evaluate_events(
    gold: Annotated[Path, typer.Option(help="PLOVER gold records (../shared/eval/plover-gsr/"
                                            "dev.json), or an event gold folder such as "
                                            "gold/events/dev")],
    shared: Annotated[Path, typer.Option(help="The shared data folder whose corpora the "
                                              "event gold folder annotates")
                      ] = Path("../shared"),
    errors: Annotated[bool, typer.Option(
        help="Also list the gold events missed and the predicted events matching none")
    ] = False,
    event_model: Annotated[Path | None, typer.Option(
        help="Weights from 'wirecoder train events' to type events [default: the lexicon]")
    ] = None,
    event_filter: Annotated[Path | None, typer.Option(
        help="Event filter weights to score [default: built in]")] = None,
    all_events: Annotated[bool, typer.Option(
        help="Leave the event filter out: every event the coder proposes")] = False,
    criticism_model: Annotated[Path | None, typer.Option(
        help="Criticism model weights to score [default: built in]")] = None,
    no_criticism: Annotated[bool, typer.Option(
        help="Leave the criticism model out: no DISAPPROVE read from judgements")] = False,
) -> None:
    """Event type and source/target accuracy on PLOVER gold sentences or real news."""
    pipeline = pipeline_for([], event_model=event_model, event_filter=event_filter,
                            all_events=all_events, criticism_model=criticism_model,
                            no_criticism=no_criticism)
    if gold.is_dir():
        _evaluate_event_stories(gold, shared, errors, pipeline)
        return
    if not gold.is_file():
        raise fail(f"{gold}: no such file or folder")
    try:
        records = event_scores.read_gold(gold)
    except (ValueError, KeyError, TypeError) as error:
        raise fail(f"{gold}: not PLOVER gold records ({error})") from None
    counts = event_scores.evaluate(pipeline, records)
    table = Table(title=f"Events on {gold.name} ({len(records)} sentences)")
    for column in ("type", "gold", "type found", "fully right", "predicted / sentence"):
        table.add_column(column, justify="left" if column == "type" else "right", no_wrap=True)
    for name in sorted(counts, key=lambda n: (n == "all", n)):
        row = counts[name]
        table.add_row(name, str(row.gold), f"{row.type_found / row.gold:.2f}",
                      f"{row.fully_right / row.gold:.2f}", f"{row.predicted / row.gold:.2f}",
                      style="bold" if name == "all" else None)
    Console(width=max(Console().width, 100)).print(table)


def _event_stories(gold: Path, shared: Path) -> list[event_story_scores.GoldStory]:
    """The event gold stories of a folder, or the command's one-line error."""
    if not gold.is_dir():
        raise fail(f"{gold}: no such folder of event gold files")
    if not (shared / "corpora").is_dir():
        raise fail(f"{shared}: no corpora/ inside (the shared data folder; set it with "
                   "--shared)")
    try:
        stories = event_story_scores.read_gold(gold, shared)
    except (KeyError, TypeError, ValueError, OSError, yaml.YAMLError) as error:
        raise fail(f"{gold}: not event gold files ({type(error).__name__}: {error})") from None
    if not stories:
        raise fail(f"{gold}: no gold files (*.yaml) inside")
    return stories


def _evaluate_event_stories(gold: Path, shared: Path, errors: bool, pipeline) -> None:
    stories = _event_stories(gold, shared)
    table_data = event_story_scores.evaluate(pipeline, stories)
    console = Console(width=max(Console().width, 120))
    table = Table(title=f"Events on {gold} ({len(stories)} stories)")
    for column in ("split", "sentences", "gold", "predicted", "type P", "type R", "type F1",
                   "triple P", "triple R", "triple F1", "story types F1", "negation",
                   "no-event right", "events / sentence"):
        table.add_column(column, justify="left" if column == "split" else "right")
    for split in sorted(table_data, key=lambda name: (name == "all", name)):
        c = table_data[split]
        typed = quote_scores.Counts.prf(c.type_right, c.predicted, c.gold)
        triple = quote_scores.Counts.prf(c.triple_right, c.predicted, c.gold)
        story = quote_scores.Counts.prf(c.story_types_right, c.story_types_predicted,
                                        c.story_types_gold)
        empty = sum(1 for s in stories if s.split == split or split == "all"
                    for sentence in s.sentences if not sentence.events)
        table.add_row(split, str(c.sentences), str(c.gold), str(c.predicted),
                      *(f"{v:.2f}" for v in (*typed, *triple)), f"{story[2]:.2f}",
                      f"{c.negation_right / c.type_right:.2f}" if c.type_right else "-",
                      f"{c.empty_right}/{empty}", f"{c.predicted / c.sentences:.2f}",
                      style="bold" if split == "all" else None)
    console.print(table)
    per_type = Table(title="Per type (all stories)")
    for column in ("type", "gold", "predicted", "P", "R", "F1"):
        per_type.add_column(column, justify="left" if column == "type" else "right")
    for name, (n_gold, n_predicted, right) in sorted(table_data["all"].per_type.items()):
        per_type.add_row(name, str(n_gold), str(n_predicted), *(
            f"{v:.2f}" for v in quote_scores.Counts.prf(right, n_predicted, n_gold)))
    console.print(per_type)
    if errors:
        for line in table_data["all"].errors:
            console.print(f"  {escape(printable(line))}", highlight=False)


def _position_stories(gold: Path, shared: Path) -> list[position_scores.GoldStory]:
    """The position gold stories of a file or folder, or the command's one-line error."""
    if not gold.exists():
        raise fail(f"{gold}: no such file or folder")
    if gold.is_dir() and not (shared / "corpora").is_dir():
        raise fail(f"{shared}: no corpora/ inside (the shared data folder; set it with "
                   "--shared)")
    try:
        stories = position_scores.read_story_gold(gold, shared) if gold.is_dir() \
            else position_scores.read_gold(gold)
    except (ValueError, KeyError, TypeError, OSError, yaml.YAMLError) as error:
        raise fail(f"{gold}: not position gold ({type(error).__name__}: {error})") from None
    if not stories:
        raise fail(f"{gold}: no gold stories inside")
    return stories


@evaluate_app.command("positions")
def evaluate_positions(
    gold: Annotated[Path, typer.Option(help="Gold stories: gold/positions.yaml (written "
                                            "stories), or a real-news folder such as "
                                            "gold/positions/dev")],
    shared: Annotated[Path, typer.Option(help="The shared data folder whose corpora a gold "
                                              "folder annotates")] = Path("../shared"),
    position_model: Annotated[Path | None, typer.Option(
        help="Position model weights to score [default: built in]")] = None,
    rule_positions: Annotated[bool, typer.Option(
        help="Leave the position model out: the cue rules alone")] = False,
) -> None:
    """Stances and proposals on gold stories, per split."""
    stories = _position_stories(gold, shared)
    pipeline = pipeline_for([], position_model=position_model, rule_positions=rule_positions)
    table_data = position_scores.evaluate(pipeline, stories)
    measures = [
        ("stories", lambda c: str(c.stories)),
        ("gold positions", lambda c: str(c.gold)),
        ("predicted", lambda c: str(c.predicted)),
        ("positions P (actor, issue, stance)", lambda c: _ratio(c.right, c.predicted)),
        ("positions R", lambda c: _ratio(c.right, c.gold)),
        ("positions F1", lambda c: _ratio(2 * c.right, c.predicted + c.gold)),
        ("(actor, issue) pairs found", lambda c: _ratio(c.pairs_found, c.gold)),
        ("stance accuracy on pairs found", lambda c: _ratio(c.right, c.pairs_found)),
        ("conditional stances found", lambda c: _ratio(c.conditional_right, c.conditional_gold)),
        ("proposals found", lambda c: _ratio(c.proposals_found, c.proposals_gold)),
        ("sponsor right", lambda c: _ratio(c.sponsor_right, c.sponsor_gold)),
        ("presenter right", lambda c: _ratio(c.presenter_right, c.presenter_gold)),
        ("responses recall (actor, response)",
         lambda c: _ratio(c.responses_right, c.responses_gold)),
        ("responses precision", lambda c: _ratio(c.responses_right, c.responses_predicted)),
        ("gold positions outside the vocabulary (not scored)",
         lambda c: str(c.outside_vocabulary)),
    ]
    _print_table(f"Positions and proposals on {gold} ({len(stories)} stories)", measures,
                 table_data)


def _actor_stories(gold: Path, corpus: Path) -> list[actor_scores.GoldStory]:
    """The actor gold stories of a folder, or the command's one-line error."""
    if not gold.is_dir():
        raise fail(f"{gold}: no such folder of actor gold files")
    if not corpus.is_file():
        raise fail(f"{corpus}: no such file (the NewsArticles CSV; set it with --corpus)")
    try:
        stories = actor_scores.read_gold(gold, corpus)
    except (KeyError, TypeError, ValueError, yaml.YAMLError) as error:
        raise fail(f"{gold}: not actor gold files ({type(error).__name__}: {error})") from None
    if not stories:
        raise fail(f"{gold}: no gold files (*.yaml) inside")
    return stories


@evaluate_app.command("places")
def evaluate_places(
    gold: Annotated[Path, typer.Option(help="The split file of the GeoWebNews articles: "
                                            "gold/places/split.yaml")],
    split: SplitName = "dev",
    shared: SharedFolder = Path("../shared"),
) -> None:
    """Place names on GeoWebNews: recognition P/R/F1, share within 161 km, median error."""
    articles = _split_gold(place_scores.read_gold, gold, shared, split, "GeoWebNews articles")
    table_data = place_scores.evaluate(pipeline_for([]), articles)

    def median(counts: place_scores.PlaceCounts) -> str:
        value = place_scores.median_km(counts)
        return "-" if value is None else f"{value:.0f} km"

    measures = [
        ("articles", lambda c: str(c.articles)),
        ("gold toponyms", lambda c: str(c.gold)),
        ("predicted place mentions", lambda c: str(c.predicted)),
        *_prf("recognition", lambda c: c.found),
        ("found with coordinates on both sides", lambda c: str(c.located)),
        ("within 161 km", lambda c: _ratio(c.near, c.located)),
        ("median error", median),
    ]
    _print_table(f"Places on {gold} ({split}, {len(articles)} articles)", measures,
                 table_data)


@evaluate_app.command("times")
def evaluate_times(
    gold: Annotated[Path, typer.Option(help="The split file of the TimeML documents: "
                                            "gold/times/split.yaml")],
    split: SplitName = "dev",
    shared: SharedFolder = Path("../shared"),
) -> None:
    """Date expressions on TimeBank and AQUAINT: extent and value precision, recall, F1."""
    documents = _split_gold(time_scores.read_gold, gold, shared, split, "TimeML documents")
    table_data = time_scores.evaluate(pipeline_for([]), documents)
    measures = [
        ("documents", lambda c: str(c.documents)),
        ("gold DATE expressions", lambda c: str(c.gold)),
        ("predicted (not on a TIME, DURATION or SET)", lambda c: str(c.predicted)),
        *_prf("extent", lambda c: c.extent_right),
        *_prf("value", lambda c: c.value_right),
    ]
    _print_table(f"Date expressions on {gold} ({split}, {len(documents)} documents)",
                 measures, table_data)


def _split_gold(read, gold: Path, shared: Path, split: str, what: str) -> list:
    """The documents of one split (or ``all``) that a split file lists, read by ``read``
    from the shared folder, or the command's one-line error."""
    if not gold.is_file():
        raise fail(f"{gold}: no such file")
    try:
        documents = read(gold, shared, None if split == "all" else split)
    except (ValueError, KeyError, TypeError, OSError, yaml.YAMLError,
            ElementTree.ParseError) as error:
        raise fail(f"{gold}: cannot read the {what} ({type(error).__name__}: {error})") \
            from None
    if not documents:
        raise fail(f"{gold}: no {what} in split {split!r}")
    return documents


def _prf(name: str, right) -> list[tuple[str, object]]:
    """Precision, recall and F1 rows of a measure whose count of right answers ``right``
    reads from the counts (which have ``predicted`` and ``gold``)."""
    return [(f"{name} P", lambda c: _ratio(right(c), c.predicted)),
            (f"{name} R", lambda c: _ratio(right(c), c.gold)),
            (f"{name} F1", lambda c: _ratio(2 * right(c), c.predicted + c.gold))]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


def _print_table(title: str, measures: list, table_data: dict) -> None:
    """One column per split (then all), one row per measure."""
    splits = sorted(table_data, key=lambda name: (name == "all", name))
    table = Table(title=title)
    table.add_column("measure")
    for name in splits:
        table.add_column(name, justify="right")
    for label, cell in measures:
        table.add_row(label, *(cell(table_data[name]) for name in splits))
    Console(width=max(Console().width, 100)).print(table)


@evaluate_app.command("actors")
def evaluate_actors(
    gold: Annotated[Path, typer.Option(help="Actor gold files: a split folder such as "
                                            "gold/actors/dev, or gold/actors for all")],
    corpus: Annotated[Path, typer.Option(help="The NewsArticles CSV the gold files annotate")
                      ] = Path("../shared/corpora/news-articles-2017/NewsArticles.csv"),
    errors: Annotated[bool, typer.Option(
        help="Also list the gold actors missed and the predicted actors matching none")
    ] = False,
    party_model: Annotated[Path | None, typer.Option(
        help="Party classifier weights to score [default: built in]")] = None,
    all_actors: Annotated[bool, typer.Option(
        help="Leave the party classifier out: every actor the resolvers find")] = False,
) -> None:
    """Canonical actors on real news: precision, recall, kind, country and sector."""
    stories = _actor_stories(gold, corpus)
    table_data = actor_scores.evaluate(
        pipeline_for([], party_model=party_model, all_actors=all_actors), stories)
    table = Table(title=f"Actors on {gold} ({len(stories)} stories)")
    for column in ("split", "gold", "predicted", "P", "R", "F1", "kind", "country", "sector",
                   "mention P", "mention R"):
        table.add_column(column, justify="left" if column == "split" else "right",
                         no_wrap=True)
    for split in sorted(table_data, key=lambda name: (name == "all", name)):
        c = table_data[split]
        p, r, f1 = quote_scores.Counts.prf(c.matched, c.predicted, c.gold)
        share = [f"{part / c.matched:.2f}" if c.matched else "-"
                 for part in (c.kind_right, c.country_right, c.sector_right)]
        mention_p = c.mentions_right / c.predicted_mentions if c.predicted_mentions else 0.0
        mention_r = c.mentions_found / c.gold_mentions if c.gold_mentions else 0.0
        table.add_row(split, str(c.gold), str(c.predicted), f"{p:.2f}", f"{r:.2f}",
                      f"{f1:.2f}", *share, f"{mention_p:.2f}", f"{mention_r:.2f}",
                      style="bold" if split == "all" else None)
    console = Console(width=max(Console().width, 110))
    console.print(table)
    if errors:
        counts = table_data["all"]
        for title, items in (("gold actors missed", counts.missed),
                             ("predicted actors matching none", counts.extra)):
            console.print(f"\n{title} ({len(items)}):", highlight=False)
            for item in items:
                console.print(f"  {escape(printable(item))}", highlight=False)


@evaluate_app.command("statements")
def evaluate_statements(
    gold: Annotated[Path, typer.Option(help="Quote gold stories, e.g. "
                                            "gold/statements/translated-wire.yaml")],
    errors: Annotated[bool, typer.Option(help="Also list the quotes missed or misattributed")
                      ] = False,
) -> None:
    """Quotes and speakers on written stories: quotes found, speaker right."""
    if not gold.is_file():
        raise fail(f"{gold}: no such file")
    try:
        stories = statement_scores.read_gold(gold)
    except (KeyError, TypeError, ValueError, yaml.YAMLError) as error:
        raise fail(f"{gold}: not quote gold stories ({type(error).__name__}: {error})") \
            from None
    c = statement_scores.evaluate(pipeline_for([]), stories)
    table = Table(title=f"Quotes on {gold.name} ({len(stories)} stories)")
    for column in ("measure", "value", "count"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    table.add_row("gold quotes found", f"{c.found / c.gold:.2f}", f"{c.found}/{c.gold}")
    table.add_row("speaker right on quotes found",
                  f"{c.speaker_right / c.found:.2f}" if c.found else "-",
                  f"{c.speaker_right}/{c.found}")
    table.add_row("speaker right on all gold quotes", f"{c.speaker_right / c.gold:.2f}",
                  f"{c.speaker_right}/{c.gold}")
    table.add_row("predicted quotes", "", str(c.predicted))
    console = Console(width=max(Console().width, 100))
    console.print(table)
    if errors:
        for line in c.wrong:
            console.print(f"  {escape(printable(line))}", highlight=False)


train_app = App(help="Train wirecoder's learned components on gold data.",
                no_args_is_help=True)


@train_app.command("quotes")
def train_quotes(
    gold: Annotated[Path, typer.Option(help="A PolNeAR training split, e.g. "
                                            "../shared/eval/polnear/train")],
    out: WeightsFile,
    regularization: Annotated[float, typer.Option(
        help="Inverse L2 strength of the logistic regression")] = 0.3,
    min_precision: Annotated[float, typer.Option(
        help="Lowest content precision the threshold may give on held-out folds")] = 0.86,
    limit: Annotated[int | None, typer.Option(help="Train on the first N articles only")] = None,
) -> None:
    """Fit the quote scorer (needs the 'train' extra: pip install 'wirecoder[train]')."""
    train_quote_model = _training().train_quote_model
    if not (gold / "text").is_dir():
        raise fail(f"{gold}: not a PolNeAR split folder (no text/ inside)")
    if gold.name == "dev":
        raise fail(f"{gold}: dev is for evaluation; train on the train split")
    _save(train_quote_model(gold, regularization=regularization, min_precision=min_precision,
                            limit=limit, pipeline=pipeline_for([], rules_only=True)), out)


@train_app.command("parties")
def train_parties(
    gold: Annotated[Path, typer.Option(help="The actor gold training split: "
                                            "gold/actors/train")],
    out: WeightsFile,
    corpus: Annotated[Path, typer.Option(help="The NewsArticles CSV the gold files annotate")
                      ] = Path("../shared/corpora/news-articles-2017/NewsArticles.csv"),
    regularization: Annotated[float, typer.Option(
        help="Inverse L2 strength of the logistic regression")] = 3.0,
) -> None:
    """Fit the party classifier (needs the 'train' extra: pip install 'wirecoder[train]')."""
    train_party_model = _training().train_party_model
    _refuse_evaluation_split(gold)
    stories = _actor_stories(gold, corpus)
    _save(train_party_model(stories, regularization=regularization,
                            pipeline=pipeline_for([], all_actors=True)), out)


@train_app.command("events")
def train_events(
    gold: EventTrainSplit,
    out: WeightsFile,
    shared: SharedFolder = Path("../shared"),
    regularization: Annotated[float, typer.Option(
        help="Inverse L2 strength of the logistic regression")] = 0.3,
) -> None:
    """Fit the event typer (needs the 'train' extra: pip install 'wirecoder[train]')."""
    _train_on_events("train_event_model", gold, shared, regularization, out)


@train_app.command("event-filter")
def train_event_filter_command(
    gold: EventTrainSplit,
    out: WeightsFile,
    shared: SharedFolder = Path("../shared"),
    regularization: Annotated[float, typer.Option(
        help="Inverse L2 strength of the logistic regression")] = 0.3,
) -> None:
    """Fit the event filter (needs the 'train' extra: pip install 'wirecoder[train]')."""
    _train_on_events("train_event_filter", gold, shared, regularization, out)


@train_app.command("positions")
def train_positions_command(
    gold: Annotated[Path, typer.Option(help="The position gold training split: "
                                            "gold/positions/train")],
    out: WeightsFile,
    shared: SharedFolder = Path("../shared"),
    regularization: Annotated[float, typer.Option(
        help="Inverse L2 strength of the logistic regression")] = 0.3,
) -> None:
    """Fit the stance decision (needs the 'train' extra: pip install 'wirecoder[train]')."""
    train_position_model = _training().train_position_model
    _refuse_evaluation_split(gold)
    stories = _position_stories(gold, shared)
    _save(train_position_model(stories, regularization=regularization,
                               pipeline=pipeline_for([], rule_positions=True)), out)


@train_app.command("criticism")
def train_criticism_command(
    gold: EventTrainSplit,
    out: WeightsFile,
    shared: SharedFolder = Path("../shared"),
    regularization: Annotated[float, typer.Option(
        help="Inverse L2 strength of the logistic regression")] = 0.1,
) -> None:
    """Fit the criticism model (needs the 'train' extra: pip install 'wirecoder[train]')."""
    _train_on_events("train_criticism", gold, shared, regularization, out)


def _train_on_events(trainer: str, gold: Path, shared: Path, regularization: float,
                     out: Path) -> None:
    """Fit one of the event coders of ``evaluation.training`` on an event gold train split
    (never dev or test) and save it."""
    training = _training()
    _refuse_evaluation_split(gold)
    stories = _event_stories(gold, shared)
    # each model is fitted on the output of the stages before it
    pipeline = pipeline_for([], no_criticism=True) if trainer == "train_criticism" \
        else pipeline_for([], all_events=True, no_criticism=True)
    _save(getattr(training, trainer)(stories, regularization=regularization,
                                     pipeline=pipeline), out)


def _training():
    """The training module, or the command's one-line error when scikit-learn is absent."""
    try:
        from wirecoder.evaluation import training
    except ImportError as error:
        raise fail(f"training needs scikit-learn ({error}); "
                   "install it with: pip install 'wirecoder[train]'") from None
    return training


def _refuse_evaluation_split(gold: Path) -> None:
    """A dev or frozen test split is for evaluation, never for training."""
    if gold.name in {"dev", "test"} or (gold / "FROZEN.sha256").exists():
        raise fail(f"{gold}: {gold.name} is for evaluation; train on the train split")


def _save(model, out: Path) -> None:
    """Write trained weights and say what they were trained on."""
    model.save(out)
    Console().print(f"{model.trained_on}: {len(model.weights)} weights, threshold "
                    f"{model.threshold} -> {out}", highlight=False)
