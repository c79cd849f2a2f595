"""``agents.yaml`` is derived from PETRARCH2's agents by ``tools/petrarch_agents.py``."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED
from wirecoder.knowledge import default_knowledge

ROOT = Path(__file__).resolve().parents[2]
AGENTS = SHARED / "reference" / "petrarch2" / "Phoenix.agents.txt"


@pytest.mark.skipif(not AGENTS.exists(), reason="needs ../shared")
def test_the_shipped_agents_file_is_what_the_script_derives(tmp_path):
    data = tmp_path / "src" / "wirecoder" / "knowledge" / "data"
    data.mkdir(parents=True)
    for name in ("parties.yaml", "sectors.yaml"):
        shutil.copy(ROOT / "src/wirecoder/knowledge/data" / name, data / name)
    subprocess.run([sys.executable, str(ROOT / "tools" / "petrarch_agents.py"), str(AGENTS)],
                   cwd=tmp_path, check=True, capture_output=True)
    shipped = (ROOT / "src/wirecoder/knowledge/data/agents.yaml").read_text(encoding="utf-8")
    assert (data / "agents.yaml").read_text(encoding="utf-8") == shipped


def test_hand_made_sectors_win_over_petrarchs():
    sectors = default_knowledge().sectors
    assert sectors["teacher"]["sector"] == "EDU"  # from PETRARCH2
    assert sectors["journalist"]["sector"] == "MED"  # sectors.yaml
