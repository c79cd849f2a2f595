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
