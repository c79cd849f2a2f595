import pytest

from wirecoder.records import ArticleInput


def test_batch_goes_on_past_a_failing_article(pipeline, monkeypatch):
    original = pipeline.run

    def fragile(doc, item):
        if "explode" in item.text:
            raise RuntimeError("stage bug")
        return original(doc, item)

    monkeypatch.setattr(pipeline, "run", fragile)
    failed = []
    items = [ArticleInput(text="Russia rejected the plan.", id="a"),
             ArticleInput(text="This one will explode.", id="b"),
             ArticleInput(text="Iran welcomed the talks.", id="c")]
    done = [x.article.id for x in pipeline.extract_many(
        items, on_error=lambda item, error: failed.append((item.id, str(error))))]
    assert done == ["a", "c"]
    assert failed == [("b", "stage bug")]
    with pytest.raises(RuntimeError):
        list(pipeline.extract_many(items))


def test_batch_and_single_extraction_agree(pipeline):
    texts = ["Hamas rejected the truce proposal on Monday.",
             "Egypt said it would host talks in Cairo next week."]
    batch = list(pipeline.extract_many([ArticleInput(text=t) for t in texts]))
    single = [pipeline.extract(t) for t in texts]
    assert [b.model_dump() for b in batch] == [s.model_dump() for s in single]


def test_worker_processes_give_the_same_records_in_the_same_order(pipeline):
    import datetime as dt

    from wirecoder.records import ArticleInput

    texts = [f"Talks resumed in Doha on Monday, the envoy said. Round {n} ended with a "
             f"statement from Qatar." for n in range(1, 40)]
    items = [ArticleInput(text=t, id=f"a{n}", published=dt.date(2024, 5, 8))
             for n, t in enumerate(texts)]
    one = [e.model_dump() for e in pipeline.extract_many(items)]
    two = [e.model_dump() for e in pipeline.extract_many(items, n_process=2)]
    assert [e["article"]["id"] for e in two] == [f"a{n}" for n in range(len(texts))]
    assert two == one
