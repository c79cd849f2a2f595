"""Feed hostile inputs to the ``wirecoder`` command line and tabulate what happened.

    python benchmarks/hostile.py --wirecoder /path/to/venv/bin/wirecoder [--only NAME ...]
                                 [--timeout SECONDS]

Only the command line is used (every run is a subprocess), so the script works against any
installed version: run it once per version and compare the Markdown tables it prints. It needs
nothing but the standard library; every input is generated in a temporary folder (no network,
no files from outside).

Every run gets a timeout (``--timeout``, default 120 s; a few cases use a shorter one) and a
4 GiB address-space cap (``RLIMIT_AS``). Wall time, CPU time and peak RSS are measured per
child with ``os.wait4``, which gives the same numbers as ``getrusage(RUSAGE_CHILDREN)`` but
for that child alone. For each run the table shows the command, exit code, whether stderr holds
a Python traceback, the first stderr line, for ingest runs the number of rows in ``articles``
and ``failures`` (read back with ``wirecoder query``; "?" when that fails) and a note with what
the case is about. Progress-bar lines are left out of stderr, and the scratch folder is shown
as ``$TMP``, so that tables of two versions can be diffed. ``--list`` prints the case names.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import grp
import http.client
import json
import os
import pwd
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MEMORY_CAP = 4 * 1024**3
TRACEBACK = b"Traceback (most recent call last)"
ESC = b"\x1b"
PROGRESS_BAR = "\u2501"  # the bar of rich's progress display, redrawn on stderr

STORIES = [
    "Qatari mediators said on Monday that Israel and Hamas had agreed to a three-day pause in "
    "fighting in Gaza. The pause would allow aid convoys to enter through the Rafah crossing, "
    "an Egyptian official told reporters in Cairo.",
    "Russia and Ukraine exchanged 95 prisoners of war on Saturday in a deal brokered by the "
    "United Arab Emirates. Ukrainian President Volodymyr Zelenskiy thanked Abu Dhabi for its "
    "help and said more exchanges would follow.",
    "The foreign ministers of India and Pakistan met in New York on Tuesday for the first time "
    "in three years. Neither side announced an agreement. A Pakistani diplomat said the talks "
    "had been frank but cordial.",
    "Sudan's army accused the Rapid Support Forces of shelling a market in Omdurman on "
    "Wednesday, killing at least 12 civilians. The RSF denied the accusation and blamed army "
    "artillery. The United Nations called for an independent investigation.",
]


def numbered_story(number: int) -> str:
    """A distinct story for every number (distinct texts are distinct articles)."""
    return (f"Officials said {number} aid trucks crossed into Gaza on Thursday under a deal "
            f"brokered by Egypt. A United Nations spokesman said convoy number {number} was "
            "the largest so far and urged Israel to open more crossings.")


# --------------------------------------------------------------------------- running commands

@dataclass
class Run:
    """One finished (or killed) command."""

    cmd: list[str]
    code: int | None  # None: killed at the timeout
    stdout: bytes
    stderr: bytes
    wall: float
    cpu: float
    rss_mb: float
    timeout: float


@dataclass
class Row:
    """One line of the result table."""

    case: str
    run: Run | None
    articles: str = ""
    failures: str = ""
    note: str = ""
    command: str = ""


@dataclass
class Env:
    """What every case needs: the wirecoder under test, a scratch folder, the time limit."""

    wirecoder: str
    tmp: Path
    timeout: float
    user: str | None = None  # run as this user (setpriv), for the permission case
    rows: list[Row] = field(default_factory=list)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@dataclass
class Started:
    proc: subprocess.Popen
    cmd: list[str]
    start: float
    out: Path
    err: Path


def launch(env: Env, args: list[str], stdin: Path | None = None, user: str | None = None,
           name: str = "run") -> Started:
    """Start ``wirecoder ARGS`` in its own session, output to files (no pipe deadlocks)."""
    cmd = [env.wirecoder, *args]
    full = cmd
    if user:
        full = ["setpriv", f"--reuid={user}", f"--regid={user_group(user)}", "--clear-groups",
                *cmd]
    out = Path(tempfile.mkstemp(prefix=f"{name}-", suffix=".out", dir=env.tmp)[1])
    err = Path(tempfile.mkstemp(prefix=f"{name}-", suffix=".err", dir=env.tmp)[1])
    with out.open("wb") as out_handle, err.open("wb") as err_handle, \
            (stdin.open("rb") if stdin else open(os.devnull, "rb")) as in_handle:
        proc = subprocess.Popen(full, stdin=in_handle, stdout=out_handle, stderr=err_handle,
                                cwd=env.tmp, start_new_session=True, preexec_fn=_limit_memory)
    return Started(proc, cmd, time.monotonic(), out, err)


def finish(started: Started, timeout: float, hang: bool = True) -> Run:
    """Wait for a started command until ``timeout`` seconds after its start; kill it then.

    A command killed at the timeout has the exit code None (it hangs), unless ``hang`` is
    false: then it has the code of its signal (a server that was meant to be stopped).
    """
    pid = started.proc.pid
    deadline = started.start + timeout
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() >= deadline:
            _kill_group(pid)
            done, status, usage = os.wait4(pid, 0)
            killed = True
            break
        time.sleep(0.05)
    wall = time.monotonic() - started.start
    code = os.waitstatus_to_exitcode(status)
    started.proc.returncode = code  # reaped here, so Popen must not wait for it
    _kill_group(pid)  # leftover workers of the command, if any
    run = Run(started.cmd, None if killed and hang else code, started.out.read_bytes(),
              started.err.read_bytes(), wall, usage.ru_utime + usage.ru_stime,
              usage.ru_maxrss / 1024, timeout)
    started.out.unlink()
    started.err.unlink()
    return run


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def wirecoder(env: Env, *args: str | Path, stdin: Path | None = None,
              timeout: float | None = None, user: str | None = None) -> Run:
    """Run one wirecoder command to the end (or the timeout)."""
    started = launch(env, [str(arg) for arg in args], stdin=stdin, user=user)
    return finish(started, timeout or env.timeout)


def user_group(user: str) -> str:
    return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name


def query_value(env: Env, db: Path, sql: str) -> str:
    """The single value a query returns, or "?" when the query fails."""
    run = wirecoder(env, "query", "--db", db, sql, "--format", "csv", timeout=60)
    lines = [line for line in run.stdout.decode("utf-8", "replace").splitlines() if line]
    if run.code != 0 or len(lines) < 2:
        return "?"
    return lines[-1]


def query_rows(env: Env, db: Path, sql: str) -> str:
    """All rows a query returns (CSV, without the header, ';'-joined), or "?" + the error."""
    run = wirecoder(env, "query", "--db", db, sql, "--format", "csv", timeout=60)
    lines = [line for line in run.stdout.decode("utf-8", "replace").splitlines() if line]
    if run.code != 0:
        return f"? ({first_line(run.stderr)})"
    return "; ".join(lines[1:]) or "(no rows)"


def ingest_row(env: Env, case: str, run: Run, db: Path, note: str = "") -> Row:
    """A table row for an ingest run, with the article and failure counts of its database."""
    return Row(case, run, query_value(env, db, "SELECT count(*) FROM articles"),
               query_value(env, db, "SELECT count(*) FROM failures"), note)


def stderr_lines(stderr: bytes) -> list[str]:
    """The lines of stderr, without blank lines and progress-bar redraws."""
    return [line for line in stderr.decode("utf-8", "backslashreplace").splitlines()
            if line.strip() and PROGRESS_BAR not in line]


def first_line(stderr: bytes) -> str:
    lines = stderr_lines(stderr)
    return repr(lines[0])[:100] if lines else ""


def last_line(stderr: bytes) -> str:
    lines = stderr_lines(stderr)
    return repr(lines[-1])[:100] if lines else ""


# --------------------------------------------------------------------------- inputs

def record(id_: str, text: str, title: str = "Report", published: object = "2017-03-01") -> str:
    return json.dumps({"id": id_, "text": text, "title": title, "published": published})


def good_records() -> list[str]:
    return [record(f"good{number}", story) for number, story in enumerate(STORIES, 1)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def with_bad(bad: str) -> list[str]:
    """Two good records, the bad one, two more good ones."""
    good = good_records()
    return [*good[:2], bad, *good[2:]]


def case_dir(env: Env, name: str) -> Path:
    folder = env.tmp / name
    folder.mkdir()
    return folder


def ingest_jsonl_case(env: Env, name: str, bad: str, note: str) -> list[Row]:
    folder = case_dir(env, name)
    source = write_jsonl(folder / "feed.jsonl", with_bad(bad))
    db = folder / "db.duckdb"
    run = wirecoder(env, "ingest", source, "--db", db)
    return [ingest_row(env, name, run, db, note)]


# --------------------------------------------------------------------------- cases

def long_article(env: Env) -> list[Row]:
    paragraph = STORIES[0] + " "
    text = paragraph * (1_200_000 // len(paragraph) + 1)
    bad = record("long", text)
    assert len(bad.encode()) < 2_000_000
    return ingest_jsonl_case(env, "long-article", bad,
                             f"4 good + 1 text of {len(text):,} chars (under --max-bytes)")


def surrogate_text(env: Env) -> list[Row]:
    bad = '{"id": "sur", "text": "The envoy \\ud800 said talks would resume.", ' \
          '"title": "Talks", "published": "2017-03-01"}'
    return ingest_jsonl_case(env, "surrogate-text", bad, "4 good + 1 lone \\ud800 in text")


def surrogate_title(env: Env) -> list[Row]:
    bad = '{"id": "sur", "text": "The envoy said talks would resume on Friday in Doha.", ' \
          '"title": "Talks \\ud800", "published": "2017-03-01"}'
    return ingest_jsonl_case(env, "surrogate-title", bad, "4 good + 1 lone \\ud800 in title")


def deep_jsonl(env: Env) -> list[Row]:
    bad = "[" * 100_000 + "]" * 100_000
    return ingest_jsonl_case(env, "deep-jsonl", bad, "4 good + 1 line nested 100,000 deep")


def deep_json(env: Env) -> list[Row]:
    folder = case_dir(env, "deep-json")
    deep = folder / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    good = write_jsonl(folder / "good.jsonl", good_records())
    db = folder / "db.duckdb"
    run = wirecoder(env, "ingest", deep, good, "--db", db)
    return [ingest_row(env, "deep-json", run, db,
                       "deep.json nested 100,000 deep + good.jsonl with 4")]


def csv_separators(env: Env) -> list[Row]:
    folder = case_dir(env, "csv-separators")
    odd = ("The envoy said\u2028talks would resume\u0085on Friday\fin Doha\x1cafter a "
           "pause of two weeks")
    lines = ["id,text,title,published"]
    for number, story in enumerate(STORIES[:3], 1):
        lines.append(f'good{number},"{story}",Report,2017-03-01')
    lines.append(f"odd,{odd},Report,2017-03-01")
    source = folder / "feed.csv"
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    db = folder / "db.duckdb"
    run = wirecoder(env, "ingest", source, "--db", db)
    row = ingest_row(env, "csv-separators", run, db,
                     "4 rows; 1 unquoted text with U+2028 U+0085 \\f \\x1c (expect 4 articles)")
    row.note += "; ids: " + query_rows(env, db, "SELECT id FROM articles ORDER BY id")
    return [row]


def unreadable_dir(env: Env) -> list[Row]:
    folder = case_dir(env, "unreadable-dir")
    stories = folder / "stories"
    locked = stories / "locked"
    locked.mkdir(parents=True)
    for number, story in enumerate(STORIES[:2], 1):
        (stories / f"story{number}.txt").write_text(story, encoding="utf-8")
    (locked / "story3.txt").write_text(STORIES[2], encoding="utf-8")
    db = folder / "db.duckdb"
    user = None
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            return [Row("unreadable-dir", None, note="not testable as root (no setpriv)")]
        user = "nobody"
        for path in (env.tmp, folder, stories):
            path.chmod(0o755)
        folder.chmod(0o777)  # nobody writes the database here
    locked.chmod(0o000)
    try:
        run = wirecoder(env, "ingest", stories, "--db", db, user=user)
    finally:
        locked.chmod(0o755)
        env.tmp.chmod(0o700)
    note = "2 readable .txt + subdirectory chmod 000 with 1 .txt"
    if user:
        note += f" (run as {user} via setpriv)"
    return [ingest_row(env, "unreadable-dir", run, db, note)]


def exact_duplicate(env: Env) -> list[Row]:
    folder = case_dir(env, "exact-duplicate")
    first = write_jsonl(folder / "first.jsonl", [record("copy-a", STORIES[0])])
    second = write_jsonl(folder / "second.jsonl", [record("copy-b", STORIES[0])])
    db = folder / "db.duckdb"
    run = wirecoder(env, "ingest", first, second, "--db", db)
    tables = query_rows(env, db, "SELECT table_name FROM information_schema.tables "
                                 "ORDER BY table_name")
    ids = query_rows(env, db, "SELECT id FROM articles ORDER BY id")
    copies = query_value(env, db, "SELECT count(*) FROM copies")
    return [ingest_row(env, "exact-duplicate", run, db,
                       f"same text, ids copy-a/copy-b; ids stored: {ids}; "
                       f"rows in a 'copies' table: {copies}; tables: {tables}")]


BAD_DATES: list[object] = ["2017/13/45", "yesterday", "2017-02-29", 20170301,
                           "2017-01-01T25:99:99"]


def bad_dates(env: Env) -> list[Row]:
    folder = case_dir(env, "bad-dates")
    jsonl = write_jsonl(folder / "dates.jsonl", [
        record(f"j{number}", numbered_story(number), published=date)
        for number, date in enumerate(BAD_DATES, 1)])
    lines = ["id,text,title,published"]
    for number, date in enumerate(BAD_DATES, 1):
        lines.append(f'c{number},"{numbered_story(100 + number)}",Report,{date}')
    csv_file = folder / "dates.csv"
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "db.duckdb"
    run = wirecoder(env, "ingest", jsonl, csv_file, "--db", db)
    published = query_rows(env, db, "SELECT id, published FROM articles ORDER BY id")
    return [ingest_row(env, "bad-dates", run, db,
                       f"5 JSONL + 5 CSV with bad dates {BAD_DATES}; stored: {published}")]


def fifo(env: Env) -> list[Row]:
    folder = case_dir(env, "fifo")
    path = folder / "pipe.txt"
    os.mkfifo(path)
    run = wirecoder(env, "extract", path, timeout=20)
    return [Row("fifo", run, note="named FIFO with no writer")]


def dev_zero(env: Env) -> list[Row]:
    run = wirecoder(env, "extract", "/dev/zero", timeout=60)
    return [Row("dev-zero", run, note="endless NUL bytes")]


def stdin_big(env: Env) -> list[Row]:
    folder = case_dir(env, "stdin-big")
    source = folder / "big.txt"
    source.write_bytes(b"a " * 25_000_000)
    run = wirecoder(env, "extract", "-", stdin=source)
    return [Row("stdin-big", run, note="50,000,000 bytes of 'a ' on stdin",
                command=f"{shown(env, run.cmd)} < {shown(env, [str(source)])}")]


WORDS = ["peace", "talks", "border", "troops", "envoy", "treaty", "truce", "summit", "aid",
         "sanctions", "rebels", "ministers", "convoy", "refugees", "ceasefire", "army"]


def quote_dense(env: Env) -> list[Row]:
    folder = case_dir(env, "quote-dense")
    quoted, plain = [], []
    for number in range(4000):
        a, b, c = (WORDS[(number * k + k) % len(WORDS)] for k in (1, 3, 7))
        sentence = f'"{a.title()} {b} {c}," he said.'
        quoted.append(sentence)
        plain.append(f"{a.title()} {b} {c} and he said.".ljust(len(sentence) - 1, "s") + ".")
    quoted_file = folder / "quoted.txt"
    plain_file = folder / "plain.txt"
    quoted_file.write_text(" ".join(quoted), encoding="utf-8")
    plain_file.write_text(" ".join(plain), encoding="utf-8")
    quoted_run = wirecoder(env, "extract", quoted_file)
    plain_run = wirecoder(env, "extract", plain_file)
    ratio = f"{quoted_run.cpu / plain_run.cpu:.2f}" if plain_run.cpu else "?"
    size = f"{len(quoted_file.read_text(encoding='utf-8')):,} chars"
    return [
        Row("quote-dense", quoted_run, note=f"4,000 quoted sentences ({size}); "
                                            f"CPU {quoted_run.cpu:.1f} s"),
        Row("quote-dense", plain_run, note=f"same length, no quotes; CPU {plain_run.cpu:.1f} s; "
                                           f"quoted/plain CPU ratio {ratio}"),
    ]


def all_failed(env: Env) -> list[Row]:
    folder = case_dir(env, "all-failed")
    source = write_jsonl(folder / "empty.jsonl",
                         [record(f"e{number}", "") for number in range(1, 4)])
    db = folder / "db.duckdb"
    run = wirecoder(env, "ingest", source, "--db", db)
    return [ingest_row(env, "all-failed", run, db,
                       f"3 records, all empty text; last stderr line: {last_line(run.stderr)}")]


def utf16(env: Env) -> list[Row]:
    folder = case_dir(env, "utf16")
    path = folder / "story.txt"
    path.write_bytes(STORIES[0].encode("utf-16"))
    assert path.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    run = wirecoder(env, "extract", path)
    return [Row("utf16", run, note="UTF-16 text file with BOM")]


def wrong_delimiter(env: Env) -> list[Row]:
    folder = case_dir(env, "wrong-delimiter")
    source = folder / "feed.csv"
    source.write_text("id;text;published\n"
                      f"s1;{STORIES[1].replace(',', '')};2017-03-01\n"
                      f"s2;{STORIES[2].replace(',', '')};2017-03-02\n", encoding="utf-8")
    db = folder / "db.duckdb"
    run = wirecoder(env, "ingest", source, "--db", db)
    return [ingest_row(env, "wrong-delimiter", run, db, "';'-separated CSV with 2 records")]


ESC_MARK = "\x1b[31mRED\x1b[0m"


def escape_sequences(env: Env) -> list[Row]:
    folder = case_dir(env, "escape-sequences")
    source = write_jsonl(folder / "feed.jsonl", [
        record(f"id{ESC_MARK}", "Mediators in Doha said the hostage talks were stalled.",
               title=f"Title {ESC_MARK}")])
    db = folder / "db.duckdb"
    rows = [ingest_row(env, "escape-sequences", wirecoder(env, "ingest", source, "--db", db),
                       db, "id and title contain ESC[31mRED ESC[0m")]
    for args in (["query", "--db", db, "SELECT id, title FROM articles"],
                 ["search", "--db", db, "hostage"]):
        run = wirecoder(env, *args)
        found = "yes" if ESC in run.stdout else "no"
        rows.append(Row("escape-sequences", run, note=f"raw ESC in stdout: {found}"))
    empty = folder / f"empty{ESC_MARK}.txt"
    empty.write_bytes(b"")
    run = wirecoder(env, "extract", empty)
    found = "yes" if ESC in run.stderr else "no"
    rows.append(Row("escape-sequences", run,
                    note=f"empty file whose name has ESC; raw ESC in stderr: {found}"))
    return rows


def two_ingests(env: Env) -> list[Row]:
    folder = case_dir(env, "two-ingests")
    source = write_jsonl(folder / "feed.jsonl", [
        record(f"n{number:02d}", numbered_story(number)) for number in range(1, 41)])
    db = folder / "db.duckdb"
    args = ["ingest", str(source), "--db", str(db)]
    started = [launch(env, args, name="first"), launch(env, args, name="second")]
    runs = [finish(one, env.timeout) for one in started]
    counts = query_rows(env, db, "SELECT count(*), count(DISTINCT ingest_order) FROM articles")
    return [ingest_row(env, "two-ingests", run, db,
                       f"{which} of two at once, same 40 records; "
                       f"count(*), count(DISTINCT ingest_order): {counts}")
            for which, run in zip(("first", "second"), runs, strict=True)]


def query_readonly(env: Env) -> list[Row]:
    folder = case_dir(env, "query-readonly")
    source = write_jsonl(folder / "feed.jsonl", good_records()[:2])
    db = folder / "db.duckdb"
    other = folder / "other.duckdb"
    rows = [ingest_row(env, "query-readonly", wirecoder(env, "ingest", source, "--db", db), db,
                       "setup: 2 records")]
    wirecoder(env, "ingest", write_jsonl(folder / "other.jsonl", good_records()[2:3]),
              "--db", other)
    run = wirecoder(env, "query", "--db", db, "SELECT * FROM read_csv('/etc/passwd')",
                    "--format", "csv")
    rows_back = len([line for line in run.stdout.splitlines() if line.strip()]) - 1
    rows.append(Row("query-readonly", run, note="read_csv('/etc/passwd'): rows came back: "
                                                f"{'yes' if rows_back > 0 else 'no'} "
                                                f"({max(rows_back, 0)} data rows)"))
    run = wirecoder(env, "query", "--db", db, f"ATTACH '{other}' AS o (READ_WRITE)")
    rows.append(Row("query-readonly", run, note="ATTACH a second database READ_WRITE"))
    run = wirecoder(env, "query", "--db", db,
                    f"COPY (SELECT 'x') TO '{db}' (FORMAT csv)")
    after = query_rows(env, db, "SELECT count(*) FROM articles")
    rows.append(Row("query-readonly", run, note=f"COPY over the database file; afterwards "
                                                f"count(*) FROM articles = {after}"))
    return rows


def web_overflow(env: Env) -> list[Row]:
    folder = case_dir(env, "web-overflow")
    db = folder / "db.duckdb"
    wirecoder(env, "ingest", write_jsonl(folder / "feed.jsonl", good_records()[:2]),
              "--db", db)
    port = 8765
    if _port_open(port):
        return [Row("web-overflow", None, note=f"skipped: port {port} already in use")]
    server = launch(env, ["serve", "--db", str(db), "--port", str(port)], name="serve")
    rows: list[Row] = []
    try:
        deadline = time.monotonic() + 60
        while not _port_open(port):
            if server.proc.poll() is not None or time.monotonic() > deadline:
                run = finish(server, 1)
                return [Row("web-overflow", run, note="skipped: serve did not start")]
            time.sleep(0.25)
        for path, host in (("/api/articles?offset=99999999999999999999", None),
                           ("/?page=99999999999999999999", None),
                           ("/", "evil.example")):
            rows.append(Row("web-overflow", None, note=_http_note(port, path, host),
                            command=f"GET {path}" + (f" Host: {host}" if host else "")))
    finally:
        run = finish(server, 0, hang=False)  # stop it
    rows.append(Row("web-overflow", run, note="the server, killed after the requests"))
    return rows


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _http_note(port: int, path: str, host: str | None) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Host": host} if host else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        present = {name: "yes" if response.getheader(name) else "no"
                   for name in ("Content-Security-Policy", "X-Content-Type-Options")}
        return (f"status {response.status}; CSP: {present['Content-Security-Policy']}; "
                f"X-Content-Type-Options: {present['X-Content-Type-Options']}; "
                f"body {repr(body[:60])[:70]}")
    except (OSError, http.client.HTTPException) as error:
        return f"request failed: {error!r}"[:100]
    finally:
        connection.close()


CASES: dict[str, Callable[[Env], list[Row]]] = {
    "long-article": long_article,
    "surrogate-text": surrogate_text,
    "surrogate-title": surrogate_title,
    "deep-jsonl": deep_jsonl,
    "deep-json": deep_json,
    "csv-separators": csv_separators,
    "unreadable-dir": unreadable_dir,
    "exact-duplicate": exact_duplicate,
    "bad-dates": bad_dates,
    "fifo": fifo,
    "dev-zero": dev_zero,
    "stdin-big": stdin_big,
    "quote-dense": quote_dense,
    "all-failed": all_failed,
    "utf16": utf16,
    "wrong-delimiter": wrong_delimiter,
    "escape-sequences": escape_sequences,
    "two-ingests": two_ingests,
    "query-readonly": query_readonly,
    "web-overflow": web_overflow,
}


# --------------------------------------------------------------------------- the table

def printable(text: str) -> str:
    """Control and other unprintable characters as Python escapes."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def shown(env: Env, cmd: list[str]) -> str:
    text = shlex.join(cmd)
    text = text.replace(env.wirecoder, "wirecoder").replace(str(env.tmp), "$TMP")
    return printable(text)


def cell(env: Env, text: str) -> str:
    return printable(text.replace(str(env.tmp), "$TMP")).replace("|", "\\|")


def exit_text(run: Run) -> str:
    if run.code is None:
        return f"hangs (>{run.timeout:g} s)"
    if run.code < 0:
        return f"{run.code} ({signal.Signals(-run.code).name})"
    return str(run.code)


def table_line(env: Env, row: Row) -> str:
    run = row.run
    command = row.command or (shown(env, run.cmd) if run else "")
    if run is None:
        cells = [row.case, command, "", "", "", row.articles, row.failures, "", "", row.note]
    else:
        cells = [row.case, command, exit_text(run), "yes" if TRACEBACK in run.stderr else "no",
                 first_line(run.stderr), row.articles, row.failures, f"{run.wall:.1f}",
                 f"{run.rss_mb:.0f}", row.note]
    return "| " + " | ".join(cell(env, value) for value in cells) + " |"


HEADER = ["case", "command", "exit", "traceback", "first stderr line", "articles", "failures",
          "wall s", "peak RSS MB", "note"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wirecoder", default=shutil.which("wirecoder") or "wirecoder",
                        help="the wirecoder executable to test")
    parser.add_argument("--only", nargs="+", choices=list(CASES), metavar="NAME",
                        help="run only these cases")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per command")
    parser.add_argument("--list", action="store_true", help="print the case names and exit")
    options = parser.parse_args()
    if options.list:
        print("\n".join(CASES))
        return
    executable = shutil.which(options.wirecoder) or options.wirecoder
    version = subprocess.run([executable, "version"], capture_output=True, text=True,
                             timeout=120).stdout.strip()
    began = time.monotonic()
    print(f"# Hostile inputs: `{executable}` (version {version or '?'})\n")
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        env = Env(executable, Path(folder), options.timeout)
        for name in options.only or CASES:
            case_began = time.monotonic()
            try:
                rows = CASES[name](env)
            except Exception as error:  # noqa: BLE001 - report the case, go on with the rest
                rows = [Row(name, None, note=f"the audit itself failed: {error!r}"[:200])]
            for row in rows:
                print(table_line(env, row), flush=True)
            print(f"{name}: {time.monotonic() - case_began:.0f} s", file=sys.stderr)
    print(f"\nTotal {time.monotonic() - began:.0f} s.")


if __name__ == "__main__":
    main()
