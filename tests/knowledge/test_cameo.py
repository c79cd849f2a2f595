"""``cameo_verbs.yaml`` is derived from PETRARCH2's CAMEO verbs by ``tools/cameo_verbs.py``."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED
from wirecoder.knowledge import default_knowledge

ROOT = Path(__file__).resolve().parents[2]
VERBS = SHARED / "reference" / "petrarch2" / "CAMEO.2.0.txt"


@pytest.mark.skipif(not VERBS.exists(), reason="needs ../shared")
def test_the_shipped_cameo_file_is_what_the_script_derives(tmp_path):
    data = tmp_path / "src" / "wirecoder" / "knowledge" / "data"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "src/wirecoder/knowledge/data/cameo_plover.csv", data)
    subprocess.run([sys.executable, str(ROOT / "tools" / "cameo_verbs.py"), str(VERBS)],
                   cwd=tmp_path, check=True, capture_output=True)
    shipped = (ROOT / "src/wirecoder/knowledge/data/cameo_verbs.yaml").read_text(encoding="utf-8")
    assert (data / "cameo_verbs.yaml").read_text(encoding="utf-8") == shipped


def test_cameo_types_are_plover_types_and_pairs_refine_verbs(pipeline):
    lexicon = pipeline.lexicons.events
    types = set(default_knowledge().events) & {"ASSAULT", "SANCTION", "RETREAT"}
    assert types and set(lexicon.cameo_verbs.values()) <= set(
        k for k, v in default_knowledge().events.items() if isinstance(v, dict) and "verbs" in v)
    doc = pipeline.nlp("The army shelled the town. The governor lifted the curfew.")
    shelled = next(t for t in doc if t.text == "shelled")
    lifted = next(t for t in doc if t.text == "lifted")
    assert lexicon.cameo(shelled)[0] == "ASSAULT"
    assert lexicon.cameo(lifted)[1] == "RETREAT"  # "lift curfew", not the verb alone
