"""A real redis-server for tests (the root conftest's `redis_server`), and a Redis that does not
answer."""

import contextlib
import shutil
import socket
import subprocess
import time

# Nothing listens on port 1: every connection is refused, as while Redis restarts.
REFUSED_REDIS_CACHE = {"BACKEND": "solidarity.core.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}


def free_port():
    """A port nothing listens on now (a fixed one met another server on a shared machine)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers_as(port, pid):
    """True when the server on `port` is the process `pid` (ours, not another one)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
            probe.sendall(b"INFO server\r\n")
            time.sleep(0.05)
            return f"process_id:{pid}\r".encode() in probe.recv(65536)
    except OSError:
        return False


@contextlib.contextmanager
def local_redis(folder):
    """A throwaway redis-server on 127.0.0.1 that keeps nothing on disk; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(port), "--bind", "127.0.0.1",
         "--dir", str(folder), "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not _answers_as(port, process.pid):
            if process.poll() is not None or time.monotonic() > deadline:
                # Another server on the port would answer too: never test against it.
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
