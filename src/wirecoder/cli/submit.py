"""Entry point for ``spark-submit``: the arguments of ``wirecoder spark``.

    spark-submit --master spark://host:7077 "$(python -m wirecoder.cli.submit --path)" \
        stories/ --out /shared/wirecoder-out

The session is the one ``spark-submit`` configured (master, executors, ``--conf``).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--path"]:
        print(__file__)
        return
    from wirecoder.cli.main import app

    app(["spark", *sys.argv[1:]], prog_name="wirecoder spark")


if __name__ == "__main__":
    main()
