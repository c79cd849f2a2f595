"""The place and time development data split by document, with the test documents frozen."""

import importlib.util
from pathlib import Path

import pytest
import yaml

from conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location(
        "split_place_time_sets", ROOT / "gold" / "tools" / "split_place_time_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder", ["places", "times"])
def test_each_set_is_split_by_document_two_to_train_one_to_dev_one_to_test(folder):
    documents = yaml.safe_load((ROOT / "gold" / folder / "split.yaml").read_text())["documents"]
    counts = {split: sum(d["split"] == split for d in documents)
              for split in ("train", "dev", "test")}
    assert counts["train"] == 2 * counts["dev"] and abs(counts["dev"] - counts["test"]) <= 1
    assert len({d["id"] for d in documents}) == len(documents)


@pytest.mark.skipif(not (SHARED / "eval" / "geo").exists(), reason="needs ../shared")
def test_the_split_files_are_what_the_tool_writes_from_unchanged_documents():
    tool = _tool()
    for folder, documents, source, what in tool.sets():
        written = (ROOT / "gold" / folder / "split.yaml").read_text(encoding="utf-8")
        assert tool.split(documents, source, what) == written
