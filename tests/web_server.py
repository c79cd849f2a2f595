"""What the browser tests share (a plugin of ``tests/conftest.py``): the app serving a corpus
of our stories, and Chromium. A test that needs the browser is skipped where Debian's
chromium is not installed."""

import socket
import threading
import time
from pathlib import Path

import pytest

from web_stories import build_corpus

#: Debian's Chromium, which Playwright drives (``playwright install`` is not needed)
CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="needs Debian's chromium (apt-get install chromium)")
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """The base URL of the app serving the test corpus."""
    import uvicorn

    from wirecoder.web.app import create_app

    db = build_corpus(tmp_path_factory.mktemp("web"), pipeline)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app_server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                               log_level="warning"))
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not app_server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox"])
        yield chromium
        chromium.close()
