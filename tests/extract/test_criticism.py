"""The criticism model: its trigger word, its features, the events it adds, its training."""

import pytest

from conftest import actors_of, assert_offsets
from conftest import written_event_story as written
from wirecoder.errors import KnowledgeError
from wirecoder.extract.criticism import CriticismModel, sentence_features, trigger_word
from wirecoder.extract.events import code_events

JUDGED = ('"This is a dishonest and cruel decision," the Iranian foreign minister said of '
          "the American sanctions. Egypt hosted talks in Cairo on Monday.")


def _coded(staged, text: str, model: CriticismModel | None):
    doc, context = staged(text, "events")
    context.criticism = model
    events = code_events(doc, context)
    assert_offsets(text, events, context.actors)
    return events, context


def test_the_trigger_is_the_most_negative_word_unless_a_guard_vetoes_it(staged):
    doc, context = staged(JUDGED, "events")
    lexicon = context.lexicons.events
    first, second = list(doc.sents)[:2]
    word = trigger_word(first, lexicon)
    assert word is not None and word.text == "cruel"
    assert all(lexicon.valence.get(t.lower_, 0) >= lexicon.valence[word.lower_]
               for t in first)
    assert trigger_word(second, lexicon) is None  # no word rated -1.5 or lower
    question, _ = staged("Was the decision a dishonest and cruel one?", "events")
    assert trigger_word(next(question.sents), lexicon) is None


def test_features_count_the_rated_words_and_the_coded_events(staged):
    doc, context = staged(JUDGED, "events")
    features = sentence_features(next(doc.sents), context.lexicons.events, ["CONSULT"], True)
    assert features["negative=2"] == 1.0 and features["quoted_negative"] == 1.0
    assert features["coded=CONSULT"] == 1.0 and features["word=dishonest"] == 1.0


def test_a_model_that_accepts_every_judgement_adds_a_disapproval_by_the_speaker(staged):
    without, _ = _coded(staged, JUDGED, None)
    with_model, context = _coded(staged, JUDGED, CriticismModel({}, 5.0, 0.5))
    added = [e for e in with_model if e.type == "DISAPPROVE"]
    assert not [e for e in without if e.type == "DISAPPROVE"] and len(added) == 1
    names = {a.id: a.name for a in actors_of(context.actors)}
    speaker = next(q.speaker for q in context.quotes)
    assert speaker and added[0].source == speaker and names[added[0].target] == "United States"
    assert added[0].trigger.text == "cruel"
    assert [e.id for e in with_model] == [f"e{n}" for n in range(1, len(with_model) + 1)]
    refused = _coded(staged, JUDGED, CriticismModel({}, -5.0, 0.5))[0]
    assert [(e.type, e.trigger.start) for e in refused] == \
        [(e.type, e.trigger.start) for e in without]


def test_the_shipped_model_reads_criticism_and_leaves_plain_reports(extract):
    found = extract('"It is a shameful, cynical and dangerous policy," the Chinese foreign '
                    "ministry said of the new American tariffs.")
    assert "DISAPPROVE" in {e.type for e in found.events}
    plain = extract("The delegations met in Geneva on Monday to discuss the schedule of "
                    "the next round of talks.")
    assert "DISAPPROVE" not in {e.type for e in plain.events}


def test_a_broken_criticism_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "criticism.json"
    path.write_text('{"bias": 0.1}')
    with pytest.raises(KnowledgeError, match="criticism.json: not a criticism model"):
        CriticismModel.load(path)


def test_criticism_training_is_reproducible_on_stories_written_for_it(tmp_path, pipeline):
    pytest.importorskip("sklearn")
    from wirecoder.evaluation.training import train_criticism
    from wirecoder.extract.pipeline import Pipeline

    stories = [  # sentences with a negative word: a gold DISAPPROVE or none
        written("a", "Germany said the Russian campaign was cruel and dishonest.",
                 [("DISAPPROVE", "cruel")]),
        written("b", "The storm was terrible and the floods were awful in Bavaria.", []),
        written("c", '"A shameful betrayal," Turkey said of the Greek decision.',
                 [("DISAPPROVE", "shameful")]),
        written("d", "Officials said the crash was a tragic accident near Lyon.", []),
    ]
    bare = Pipeline(knowledge=pipeline.knowledge, use_criticism=False)
    first = train_criticism(stories, pipeline=bare)
    second = train_criticism(stories, pipeline=bare)
    assert first.weights == second.weights and first.threshold == second.threshold
    assert "4 stories" in first.trained_on and "2 of 4 sentences" in first.trained_on
    path = tmp_path / "criticism.json"
    first.save(path)
    assert CriticismModel.load(path).weights == first.weights
