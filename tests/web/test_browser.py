"""The web app in real headless Chromium (Debian's ``chromium``, driven by Playwright).

Each page is loaded against a corpus of our stories, served by uvicorn in a thread, and
screenshotted at 1280 px into ``$WIRECODER_SCREENSHOTS`` (default: a temporary folder); the
folder is printed at the start.
"""

import os
import re
from pathlib import Path

import pytest

WIDTH = 1280


@pytest.fixture(scope="module")
def screenshots(request, tmp_path_factory) -> Path:
    folder = Path(os.environ.get("WIRECODER_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"\nweb app screenshots: {folder}")
    return folder


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    page.close()
    assert not errors, f"script errors: {errors}"


#: the narrowest a table column may be (a day or a number fits), and the tallest a page of
#: the test corpus may grow
NARROWEST, TALLEST = 48, 12_000


def visit(page, url: str):
    response = page.goto(url)
    assert response.status == 200, url
    # usable at 1280 px: nothing runs off the side, no column too narrow to read, no page
    # that scrolls forever
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    widths = page.evaluate("""Array.from(document.querySelectorAll('table.list td, table.list th'))
        .map(c => c.getBoundingClientRect().width).filter(w => w > 0)""")
    assert min(widths, default=WIDTH) >= NARROWEST, url
    assert page.evaluate("document.documentElement.scrollHeight") <= TALLEST, url


def shoot(page, screenshots: Path, name: str) -> None:
    path = screenshots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def article_url(page, server, story: str) -> str:
    articles = page.request.get(f"{server}/api/articles").json()["items"]
    return f"{server}/articles/" + next(a["key"] for a in articles if a["id"] == story)


def test_home_lists_the_articles(page, server, screenshots):
    visit(page, server)
    titles = page.locator("table.articles td a:not(.badge)").all_inner_texts()
    assert "Hamas accepts truce proposal" in titles and "Iran <warns> Israel" in titles
    shoot(page, screenshots, "home")


def test_clicking_a_quote_shows_its_speaker(page, server, screenshots):
    visit(page, article_url(page, server, "wire"))
    selected = page.locator("#selected .card:not([hidden])")
    assert selected.count() == 0
    page.locator('.hl[data-keys^="quote:"]', has_text="We are hopeful").first.click()
    assert selected.count() == 1
    assert selected.locator("h3").inner_text().strip() == "Quote"
    assert selected.locator(".speaker").inner_text().strip() == "Majed al-Ansari"
    assert "We are hopeful that both sides" in selected.locator(".evidence").inner_text()
    # the quote's own text is marked in the story
    picked = " ".join(page.locator("#story-text .picked").all_inner_texts())
    assert "We are hopeful" in picked and "Qatar" not in picked
    shoot(page, screenshots, "article")

    # an event from the side panel: its evidence sentence is marked in the text
    page.locator('.record-link[data-key^="event:"]', has_text="REJECT").click()
    assert "REJECT" in selected.locator("h3").inner_text()
    evidence = "".join(page.locator("#story-text .in-evidence").all_inner_texts())
    assert evidence.startswith("Israel rejected the proposal")
    # the legend hides a record type's highlights
    page.locator("#legend input[data-type=actor]").uncheck()
    assert "hide-actor" in page.locator("#story-text").get_attribute("class")


def test_script_in_an_article_is_shown_as_text(page, server, screenshots):
    visit(page, article_url(page, server, "scripted"))
    assert page.title() == "Iran <warns> Israel · wirecoder"
    assert page.locator("h1").inner_text() == "Iran <warns> Israel"
    text = page.locator("#story-text").inner_text()
    assert "<script>document.title = 'hacked'</script>" in text
    assert "<b>reckless</b> & dangerous" in text
    assert page.locator("#story-text script, #story-text b").count() == 0
    shoot(page, screenshots, "article-with-markup")


def test_actor_page(page, server, screenshots):
    visit(page, f"{server}/actors")
    page.locator("a.chip", has_text="Dmytro Kuleba").first.click()
    assert page.locator("h1").inner_text().strip() == "Dmytro Kuleba"
    assert page.locator(".stream blockquote", has_text="Russia must be held accountable"
                        ).count() >= 1
    assert "arms_supplies" in page.locator("table", has_text="Latest stance").inner_text()
    shoot(page, screenshots, "actor")


def test_timeline_filters(page, server, screenshots):
    visit(page, f"{server}/timeline")
    items = page.locator("#timeline-items li.item")
    everything = items.count()
    assert everything > 10 and page.locator("figure.chart rect.bar").count() > 3
    page.fill("input[name=actor]", "Dmytro Kuleba")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url(re.compile(r"actor=Dmytro\+Kuleba"))
    assert 0 < items.count() < everything
    assert all("Dmytro Kuleba" in text for text in items.all_inner_texts())
    shoot(page, screenshots, "timeline")

    page.fill("input[name=actor]", "")
    page.select_option("select[name=type]", "ASSAULT")
    page.fill("input[name=start]", "2024-05-07")
    page.fill("input[name=end]", "2024-05-09")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    chips = page.locator("#timeline-items .chip.event").all_inner_texts()
    assert chips and {chip.split(" ")[0] for chip in chips} == {"ASSAULT"}  # or "ASSAULT (not)"
    days = {text.split()[0] for text in items.all_inner_texts()}
    assert days and all("2024-05-07" <= day <= "2024-05-09" for day in days)

    # a bar of the chart narrows the timeline to its day, keeping the other filters
    visit(page, f"{server}/timeline?actor=Israel")
    page.locator("figure.chart rect.bar").last.click()
    page.wait_for_url(re.compile(r"start=(\d{4}-\d\d-\d\d)&end=\1"))
    day = re.search(r"start=([\d-]+)", page.url).group(1)
    assert {text.split()[0] for text in items.all_inner_texts()} == {day}
    assert all("Israel" in text for text in items.all_inner_texts())


def test_network(page, server, screenshots):
    visit(page, f"{server}/network")
    nodes = page.locator("figure.network a.node")
    edges = page.locator("figure.network path.edge")
    assert nodes.count() >= 4 and edges.count() >= 4
    colours = {edges.nth(i).evaluate("e => getComputedStyle(e).stroke")
               for i in range(edges.count())}
    assert len(colours) == 2  # cooperative and conflictual
    links = page.locator("#links tbody tr").count()
    shoot(page, screenshots, "network")
    page.fill("input[name=start]", "2024-05-13")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"start=2024-05-13"))
    assert 0 < page.locator("#links tbody tr").count() < links
    assert all(day >= "2024-05-13" for day in
               page.locator("#links tbody td.day").all_inner_texts())


def test_network_filtered_and_the_sentences_behind_a_line(page, server, screenshots):
    visit(page, f"{server}/network?class=conflictual&kind=country")
    edges = page.locator("figure.network path.edge")
    assert edges.count() >= 1
    assert {edges.nth(i).get_attribute("class") for i in range(edges.count())} == {
        "edge conflictual"}
    kinds = {page.locator("figure.network a.node").nth(i).get_attribute("class")
             for i in range(page.locator("figure.network a.node").count())}
    assert kinds == {"node country"}
    shoot(page, screenshots, "network-filtered")
    # a thin curve's box centre is seldom on it: the click goes to the line itself
    page.locator("figure.network a.link path.edge").first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/network/link\?source="))
    assert page.locator("#link-events tbody tr").count() >= 1
    assert all(text.strip() for text in page.locator("#link-events td.evidence").all_inner_texts())
    shoot(page, screenshots, "network-link")


def test_map_with_a_filter_and_a_place_with_its_events(page, server, screenshots):
    visit(page, f"{server}/map")
    everywhere = page.locator("figure.map a.point").count()
    assert everywhere >= 3 and page.locator("figure.map path.land").count() > 150
    shoot(page, screenshots, "map")
    page.fill("input[name=actor]", "Israel")
    page.click("#map-filters button[type=submit]")
    page.wait_for_url(re.compile(r"actor=Israel"))
    points = page.locator("figure.map a.point")
    assert 0 < points.count() < everywhere
    assert page.locator("figure.map circle.named").count() == 0  # event places only
    shoot(page, screenshots, "map-filtered")
    points.last.click()  # drawn last, so on top of any it overlaps
    page.wait_for_url(re.compile(r"/map/"))
    rows = page.locator("#place-events tbody tr")
    assert rows.count() >= 1 and all("Israel" in text for text in rows.all_inner_texts())
    shoot(page, screenshots, "map-place")


def test_a_country_map_with_its_regions(page, server, screenshots):
    visit(page, f"{server}/map")
    page.select_option("select[name=country]", "ISR")
    page.click("#map-filters button[type=submit]")
    page.wait_for_url(re.compile(r"country=ISR"))
    regions = page.locator("figure.map path.region")
    assert regions.count() >= 5 and page.locator("figure.map .region-labels text").count() >= 2
    box = regions.first.bounding_box()
    assert box and box["width"] > 20  # drawn at the country's scale, not the world's
    assert page.locator("figure.map a.point").count() >= 1
    shoot(page, screenshots, "map-country")
    visit(page, f"{server}/map")
    page.locator("figure.map a:has(path.land)", has=page.locator("title", has_text="Egypt")
                 ).first.dispatch_event("click")
    page.wait_for_url(re.compile(r"country=EGY"))
    assert page.locator("figure.map path.region").count() >= 10


def test_positions_and_stance_history(page, server, screenshots):
    visit(page, f"{server}/positions")
    row = page.locator("table.matrix tbody tr", has=page.locator("th", has_text="Israel"))
    issues = page.locator("table.matrix thead th").all_text_contents()
    cell = row.locator("td").nth(issues.index("ceasefire") - 1)
    assert "stance-support" in cell.get_attribute("class")
    assert cell.locator(".stance-link").inner_text() == "✓"
    assert "support" in cell.get_attribute("title")
    assert page.locator(".response-rejected").count() >= 1
    shoot(page, screenshots, "positions")
    history = cell.locator(".history-link").get_attribute("href")
    # the stance opens its story with the position selected and its evidence marked
    cell.locator(".stance-link").click()
    selected = page.locator("#selected .card:not([hidden])")
    selected.wait_for()
    assert selected.locator("h3").inner_text().strip() == "Position"
    assert selected.locator(".stance").inner_text() == "support"
    assert "Israel accepted the ceasefire" in "".join(
        page.locator("#story-text .in-evidence").all_inner_texts())
    visit(page, server + history)
    assert page.url.endswith("/positions/ISR/ceasefire")
    stances = page.locator(".history .stance").all_inner_texts()
    assert stances[0] == "oppose" and stances[-1] == "support"
    assert page.locator(".history li.changed").count() >= 1
    shoot(page, screenshots, "stance-history")


def test_search(page, server, screenshots):
    visit(page, server)
    page.fill(".quick-search input", "shelled")
    page.press(".quick-search input", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=shelled"))
    assert page.locator("ol.results li a").first.inner_text() == "Kharkiv shelled"
    shoot(page, screenshots, "search")
    page.check("input[name=in][value=quotes]")
    page.fill("form.filters input[name=q]", "accountable")
    page.click("form.filters button[type=submit]")
    assert "Dmytro Kuleba" in page.locator("ol.results li").first.inner_text()
