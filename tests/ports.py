"""Free TCP ports for servers a test starts. ``TEST_PORT_RANGE`` (e.g. ``8400-8499``) keeps them in a
range when other people use the machine at the same time; without it the system picks any free port."""

import os
import socket

_handed_out: set[int] = set()


def free_port() -> int:
    """A port nobody listens on, never the same one twice in a test run."""
    low, _, high = os.environ.get("TEST_PORT_RANGE", "").partition("-")
    candidates = range(int(low), int(high) + 1) if low and high else [0] * 100
    for port in candidates:
        if port in _handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            found = sock.getsockname()[1]
        if found not in _handed_out:
            _handed_out.add(found)
            return found
    raise RuntimeError(f"No free port in {os.environ['TEST_PORT_RANGE']}")
