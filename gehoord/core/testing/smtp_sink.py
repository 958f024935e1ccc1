"""A real SMTP server in a process of its own (aiosmtpd) that keeps every message it accepts as a file.

    python -m gehoord.core.testing.smtp_sink --port 2525 --maildir DIR

Each accepted message becomes ``DIR/<time>-<n>.eml`` (written to a temporary
name and renamed, so a reader never sees half a message) before the server
answers 250. Stopping the process (SIGTERM) and starting it again on the
same port and directory is how tests and benchmarks take the mail server
down and bring it back; the directory holds everything accepted across
restarts. :func:`smtp_sink_process` does that from Python.
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


class MaildirHandler:
    def __init__(self, maildir: Path) -> None:
        self.maildir = maildir
        self.numbers = itertools.count(1)
        self.prefix = f"{time.time_ns()}-{os.getpid()}"

    async def handle_DATA(self, server, session, envelope) -> str:
        name = f"{self.prefix}-{next(self.numbers):07d}.eml"
        partial = self.maildir / f".{name}.tmp"
        partial.write_bytes(envelope.content)
        partial.rename(self.maildir / name)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSinkProcess:
    """Start, stop and restart the sink as a child process on one port and one directory."""

    def __init__(self, port: int, maildir: Path) -> None:
        self.port, self.maildir = port, Path(maildir)
        self.maildir.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gehoord.core.testing.smtp_sink", "--port", str(self.port),
             "--maildir", str(self.maildir)],
            cwd=ROOT,
        )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the SMTP sink stopped at start (exit {self.process.returncode})")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    if conn.recv(64).startswith(b"220"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the SMTP sink did not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def messages(self) -> list[Path]:
        return sorted(self.maildir.glob("*.eml"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    maildir = Path(args.maildir)
    maildir.mkdir(parents=True, exist_ok=True)
    controller = Controller(MaildirHandler(maildir), hostname="127.0.0.1", port=args.port)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    controller.start()
    try:
        stopped.wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
