"""Instructions per request of the region lookup against a bare ``JsonResponse`` (``/healthz``),
counted by valgrind's callgrind through ``portal.wsgi.application`` with the production settings
and the whole middleware stack, in one process.

    .venv/bin/python bench/lookup_instructions.py [--database-url URL]

Unlike requests per second (``bench/landscapes_http.py``), an instruction count does not change with
what else the machine is doing. Each series runs 100 and then 300 requests in a fresh process; the
difference divided by 200 leaves out start-up. Gunicorn's own work per request is the same for both
paths, so the ratio under gunicorn is at least this high. Needs ``valgrind`` (Debian package).
"""

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from production_process import load_regions, production_env

ROOT = Path(__file__).resolve().parent.parent
PATHS = {
    "anchor /healthz (JsonResponse, no database)": "/healthz",
    "lookup, a point in Boom": "/api/v1/regions/lookup/?lat=51.0875&lon=4.3665",
}
SMALL, LARGE = 100, 300


def serve(path: str, count: int) -> None:
    """In the measured process: answer ``path`` ``count`` times through the WSGI application."""
    sys.path.insert(0, str(ROOT))
    from portal.wsgi import application

    target, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": target,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "application/json",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    statuses = set()

    def start_response(status, headers, exc_info=None):
        statuses.add(status)

    for _ in range(count):
        response = application(dict(environ), start_response)
        b"".join(response)
        response.close()
    if statuses != {"200 OK"}:
        raise SystemExit(f"{path} answered {statuses}")


def instructions(env: dict, path: str, count: int, workdir: Path) -> int:
    out = workdir / f"callgrind.{count}.out"
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--serve",
            path,
            str(count),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{path} x {count} failed:\n{done.stderr[-3000:]}")
    match = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
    if match is None:
        raise SystemExit(f"no total in {out}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--serve", nargs=2, metavar=("PATH", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    workdir = Path(tempfile.mkdtemp(prefix="portal-instructions-"))
    env = production_env(workdir, database_url=args.database_url) | {"PYTHONHASHSEED": "0"}
    load_regions(env)
    try:
        per_request = {}
        for label, path in PATHS.items():
            small = instructions(env, path, SMALL, workdir)
            large = instructions(env, path, LARGE, workdir)
            per_request[label] = (large - small) / (LARGE - SMALL)
            print(f"{label}: {per_request[label] / 1e6:.2f}M instructions per request")
        anchor, lookup = per_request.values()
        print(
            f"FIGURE lookup endpoint (instructions): {lookup / 1e6:.2f}M per request; "
            f"anchor /healthz {anchor / 1e6:.2f}M; ratio {anchor / lookup:.2f}x the anchor's speed; "
            f"goal >= 0.9x; {'met' if anchor / lookup >= 0.9 else 'NOT met'}"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
