"""The article view's legend in real headless Chromium: a layer ticked alone shows every
record of its type, however the spans nest, and nothing else.

The Kharkiv story has all seven record types, and events whose trigger lies inside a quote
("shelled", "killing"), actors that are also places, and a position on a quote's cue.
"""

import pytest

from wirecoder.web.highlight import TYPES

#: Per segment of the story text: its offsets, its record keys, and whether anything about it
#: (fill, ink, weight, underline) stands out from the plain text around it.
LOOKS = """() => {
  const text = document.getElementById("story-text"), plain = getComputedStyle(text);
  const painted = (value) => (value.match(/rgba?\\([^)]*\\)/g) || [])
    .some((colour) => !/,\\s*0\\)$/.test(colour));
  return Array.from(text.querySelectorAll("[data-s]")).map((segment) => {
    const look = getComputedStyle(segment);
    return {start: Number(segment.dataset.s), end: Number(segment.dataset.e),
            keys: (segment.dataset.keys || "").split(" ").filter(Boolean),
            lit: painted(look.backgroundColor) || painted(look.boxShadow)
                 || look.color !== plain.color || look.fontWeight !== plain.fontWeight};
  });
}"""


@pytest.fixture
def kharkiv(browser, server):
    """The Kharkiv story's page, and the story as the API gives it."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    articles = page.request.get(f"{server}/api/articles").json()["items"]
    key = next(a["key"] for a in articles if a["id"] == "kharkiv")
    assert page.goto(f"{server}/articles/{key}").status == 200
    yield page, page.request.get(f"{server}/api/articles/{key}").json()
    page.close()
    assert not errors, f"script errors: {errors}"


def show_only(page, shown: str) -> None:
    for kind in TYPES:
        page.locator(f"#legend input[data-type={kind}]").set_checked(kind == shown)


def spans_by_record(page, kind: str) -> dict[str, list[tuple[int, int]]]:
    """The spans each record of a type highlights, as its card on the page lists them."""
    cards = page.eval_on_selector_all(f".card.{kind}", "cs => cs.map(c => [c.dataset.key, "
                                                      "c.dataset.spans])")
    return {key: [tuple(map(int, pair.split("-"))) for pair in spans.split()]
            for key, spans in cards}


def test_each_layer_alone_shows_all_its_records_and_nothing_else(kharkiv):
    page, story = kharkiv
    kinds = [{key.split(":")[0] for key in s["keys"]} for s in page.evaluate(LOOKS)]
    assert {"event", "quote"} in kinds and {"actor", "place", "quote"} in kinds
    for kind in TYPES:
        show_only(page, kind)
        records = spans_by_record(page, kind)
        assert len(records) == len(story[kind + "s"]) > 0, kind
        segments = page.evaluate(LOOKS)
        for key, spans in records.items():
            inside = [s for s in segments if any(a <= s["start"] and s["end"] <= b
                                                 for a, b in spans)]
            assert inside and all(s["lit"] for s in inside), f"{key} is not highlighted"
        stray = [story["text"][s["start"]:s["end"]] for s in segments if s["lit"] and not any(
            a <= s["start"] and s["end"] <= b for spans in records.values() for a, b in spans)]
        assert not stray, f"only {kind}s are shown, yet these are highlighted: {stray}"


def test_a_click_picks_a_record_of_a_shown_layer(kharkiv):
    page, _ = kharkiv
    shelled = page.locator(".hl", has_text="shelled")
    assert shelled.get_attribute("data-keys").split()[:2] == ["event:e1", "quote:q1"]
    selected = page.locator("#selected .card:not([hidden])")
    show_only(page, "quote")
    shelled.click()
    assert selected.get_attribute("data-key") == "quote:q1"
    show_only(page, "event")
    shelled.click()
    assert selected.get_attribute("data-key") == "event:e1"
    # a span of hidden types only is plain text: clicking it keeps the selection
    only_actors = page.locator(".hl.off").first
    assert only_actors.get_attribute("tabindex") == "-1"
    only_actors.click()
    assert selected.get_attribute("data-key") == "event:e1"
