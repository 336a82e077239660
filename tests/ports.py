"""Free TCP ports for servers a test starts. ``TEST_PORT_RANGE`` (e.g. ``8400-8499``) keeps them in a
range when other people use the machine at the same time; without it the system picks any free port."""

import os
import socket


def free_port() -> int:
    low, _, high = os.environ.get("TEST_PORT_RANGE", "").partition("-")
    candidates = range(int(low), int(high) + 1) if low and high else [0]
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"No free port in {os.environ['TEST_PORT_RANGE']}")
