"""A stand-in for ClamAV's daemon in tests: the real clamd protocol, detecting only the EICAR test file.

Debian's clamav-daemon cannot start without signature databases, which need a
download; this server speaks what Gehoord uses of clamd's protocol over TCP
or a unix socket, byte for byte as clamd(8) describes it:

- a command is prefixed ``n`` (ended by a newline) or ``z`` (ended by NUL),
  and the answer ends the same way;
- ``PING`` -> ``PONG``; ``VERSION`` -> a version line;
- ``INSTREAM``: chunks of a 4-byte unsigned big-endian length and that many
  bytes, ended by a zero length; the answer is ``stream: OK``,
  ``stream: Eicar-Signature FOUND`` when the stream holds the EICAR test
  string, or ``INSTREAM size limit exceeded. ERROR`` past StreamMaxLength.

Run it as a process of its own::

    python -m gehoord.core.testing.clamd_server --port 3310 [--log verdicts.txt]
    python -m gehoord.core.testing.clamd_server --socket /tmp/clamd.sock

Every INSTREAM verdict is appended to the ``--log`` file, one per line.
"""

from __future__ import annotations

import argparse
import os
import socket
import socketserver
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Split, so no virus scanner flags this source file itself.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
STREAM_MAX_LENGTH = 25 * 1024 * 1024  # clamd's default StreamMaxLength
ROOT = Path(__file__).resolve().parents[3]


def _read_exact(stream, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise ConnectionError("stream ended inside a chunk")
        data += chunk
    return data


def _read_command(stream) -> tuple[str, bytes]:
    prefix = stream.read(1)
    if prefix not in (b"n", b"z"):
        raise ConnectionError(f"command without n/z prefix: {prefix!r}")
    end = b"\n" if prefix == b"n" else b"\0"
    command = b""
    while not command.endswith(end):
        byte = stream.read(1)
        if not byte:
            raise ConnectionError("connection closed inside a command")
        command += byte
    return command[:-1].decode(), end


class ClamdHandler(socketserver.StreamRequestHandler):
    log_path: str | None = None

    def handle(self) -> None:
        try:
            command, end = _read_command(self.rfile)
        except ConnectionError:
            return
        if command == "PING":
            answer = "PONG"
        elif command == "VERSION":
            answer = "ClamAV 1.0.0-gehoord-stand-in/0/Thu Jan  1 00:00:00 2026"
        elif command == "INSTREAM":
            answer = self._instream()
            if self.log_path:
                with open(self.log_path, "a") as log:
                    log.write(answer + "\n")
        else:
            answer = "UNKNOWN COMMAND"
        self.wfile.write(answer.encode() + end)

    def _instream(self) -> str:
        data = bytearray()
        while True:
            (size,) = struct.unpack("!L", _read_exact(self.rfile, 4))
            if size == 0:
                break
            data += _read_exact(self.rfile, size)
            if len(data) > STREAM_MAX_LENGTH:
                return "INSTREAM size limit exceeded. ERROR"
        return "stream: Eicar-Signature FOUND" if EICAR in data else "stream: OK"


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def clamd_process(tmp_path: Path, *, unix_socket: bool = False) -> Iterator[tuple[str, Path]]:
    """Start the stand-in as a process; yields (CLAMAV_ADDRESS for it, the verdict log)."""
    log = tmp_path / "clamd-verdicts.txt"
    log.touch()
    if unix_socket:
        path = tmp_path / "clamd.sock"
        address, arguments = str(path), ["--socket", str(path)]
    else:
        port = free_port()
        address, arguments = f"tcp://127.0.0.1:{port}", ["--port", str(port)]
    process = subprocess.Popen(
        [sys.executable, "-m", "gehoord.core.testing.clamd_server", *arguments, "--log", str(log)], cwd=ROOT
    )
    try:
        _wait_for_pong(address, process)
        yield address, log
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_pong(address: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the clamd stand-in stopped (exit {process.returncode})")
        try:
            if address.startswith("tcp://"):
                host, port = address.removeprefix("tcp://").rsplit(":", 1)
                conn = socket.create_connection((host, int(port)), timeout=2)
            else:
                conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                conn.connect(address)
            with conn:
                conn.sendall(b"nPING\n")
                if conn.recv(16).startswith(b"PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the clamd stand-in did not answer PING")


def main() -> None:
    parser = argparse.ArgumentParser()
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", type=int)
    where.add_argument("--socket")
    parser.add_argument("--log")
    args = parser.parse_args()
    ClamdHandler.log_path = args.log
    if args.port:
        server: socketserver.BaseServer = _TCPServer(("127.0.0.1", args.port), ClamdHandler)
    else:
        if os.path.exists(args.socket):
            os.unlink(args.socket)
        server = _UnixServer(args.socket, ClamdHandler)
    with server:
        server.serve_forever()


if __name__ == "__main__":
    main()
