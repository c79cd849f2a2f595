from pathlib import Path

from wirecoder.evaluation.polnear import read_split
from wirecoder.evaluation.quotes import Counts, evaluate

TEXT = ('Mediation resumes\n\nThe envoy said that talks would resume on Monday. '
        '"We are hopeful," the envoy added.\n')


def _split(tmp_path: Path) -> Path:
    """A two-attribution PolNeAR-style split written by hand."""
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "pub_story.txt").write_text(TEXT, encoding="utf-8")
    content_1 = TEXT.index("talks would")
    content_2 = TEXT.index("We are hopeful")
    envoy_1 = TEXT.index("The envoy")
    envoy_2 = TEXT.index("the envoy added")
    ann = [
        f"T1\tSource {envoy_1} {envoy_1 + 9}\tThe envoy",
        f"T2\tCue {envoy_1 + 10} {envoy_1 + 14}\tsaid",
        f"T3\tContent {content_1} {TEXT.index(' on Monday')}\ttalks would resume",
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        f"T4\tSource {envoy_2} {envoy_2 + 9}\tthe envoy",
        f"T5\tContent {content_2} {content_2 + 14}\tWe are hopeful",
        "E2\tAttribution:T4 Source:T4 Content:T5",
        "T6\tContent 0 17\tMediation resumes",
        "E3\tAttribution:T6 Content:T6",
    ]
    (split / "attributions" / "pub_story_ab12.ann").write_text("\n".join(ann) + "\n")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\n"
        "dev\tpub_story\tpub\t2016-05-02\n")
    return split


def test_reads_brat_standoff(tmp_path):
    article = read_split(_split(tmp_path))[0]
    assert article.publisher == "pub" and str(article.published) == "2016-05-02"
    assert len(article.attributions) == 3
    assert article.attributions[0].source_text == "The envoy"


def test_scores_content_and_speaker(tmp_path, pipeline):
    table = evaluate(pipeline, read_split(_split(tmp_path)))
    counts = table["all"]
    assert counts.gold == 3
    assert counts.content == 2 and counts.speaker == 2
    precision, recall, _ = Counts.prf(counts.speaker, counts.predicted, counts.gold)
    assert precision == 2 / counts.predicted and recall == 2 / 3


def test_positions_are_scored_as_actor_issue_stance_triples(pipeline, tmp_path):
    from wirecoder.evaluation.positions import evaluate as evaluate_positions
    from wirecoder.evaluation.positions import read_gold

    gold = tmp_path / "positions.yaml"
    gold.write_text(
        "- id: one\n  published: 2024-05-08\n"
        "  text: Kenya and Uganda welcomed the ceasefire in South Sudan.\n"
        "  positions:\n"
        "    - {actor: Kenya, issue: ceasefire, stance: support}\n"
        "    - {actor: Uganda, issue: ceasefire, stance: oppose}\n"
        "    - {actor: Ethiopia, issue: ceasefire, stance: support}\n"
        "  proposals: []\n", encoding="utf-8")
    counts = evaluate_positions(pipeline, read_gold(gold))["all"]
    assert (counts.gold, counts.predicted) == (3, 2)
    assert counts.pairs_found == 2  # Kenya and Uganda; Ethiopia is not in the story
    assert counts.right == 1  # Uganda's stance is wrong in this gold on purpose


def test_repository_gold_stories_load():
    from wirecoder.evaluation.positions import read_gold

    stories = read_gold(Path(__file__).resolve().parents[2] / "gold" / "positions.yaml")
    assert len(stories) >= 20
    assert all(s.published and s.text.strip() for s in stories)
    assert sum(len(s.proposals) for s in stories) >= 10
