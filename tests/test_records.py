from wirecoder.records import Extraction


def test_every_record_has_evidence_offsets(extract):
    from conftest import story

    result = extract(story("el_fasher.txt"))
    assert result.actors and result.quotes and result.events and result.places
    assert all(a.mentions for a in result.actors)
    assert all(0 <= q.confidence <= 1 for q in result.quotes)


def test_extraction_round_trips_through_json(extract):
    from conftest import story

    result = extract(story("kharkiv_shelling.txt"))
    assert Extraction.model_validate_json(result.model_dump_json()) == result
