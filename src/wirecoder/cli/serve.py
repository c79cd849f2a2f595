"""The ``wirecoder serve`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wirecoder.cli.options import DEFAULT_DB, fail
from wirecoder.errors import WirecoderError


def serve(
    db: Annotated[Path, typer.Option("--db", help="The corpus database (DuckDB file)")
                  ] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(
        help="Address to listen on; 0.0.0.0 shares the app with your network")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    allowed_host: Annotated[list[str] | None, typer.Option(
        help="Another host name the app answers to (the name or address others reach this "
             "machine by when you share it); repeatable; * for any")] = None,
) -> None:
    """Browse a corpus in a local web app (read-only), with a JSON API under /api/.

    The file is opened per request, so 'wirecoder ingest' can add to it meanwhile.
    """
    import uvicorn

    from wirecoder.web.app import LOOPBACK_HOSTS, create_app

    hosts = [*LOOPBACK_HOSTS, *(allowed_host or [])]
    if host not in {"0.0.0.0", "::", *LOOPBACK_HOSTS}:
        hosts.append(host)  # the address it listens on is one it answers to
    try:
        app = create_app(db, hosts)
    except WirecoderError as error:
        raise fail(str(error)) from None
    typer.echo(f"serving {db} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
