"""A tripwire for tests: every network lookup, connection, urllib open and file read is recorded.

Lookups, connections and urllib opens fail; file reads go ahead (WeasyPrint reads
fonts), so a test asserts on :attr:`NetworkTripwire.files` what must never be read.
"""

from __future__ import annotations

import builtins
import socket
import urllib.request
from dataclasses import dataclass, field

import pytest


@dataclass
class NetworkTripwire:
    attempts: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> NetworkTripwire:
        real_open = builtins.open

        def refuse(what: str):
            def tripped(*args, **kwargs):
                self.attempts.append(f"{what} {args[:2]!r}")
                raise OSError(f"{what}: no network in this test")

            return tripped

        def recording_open(file, *args, **kwargs):
            self.files.append(str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
        monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
        monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
        monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse("urlopen"))
        monkeypatch.setattr(builtins, "open", recording_open)
        return self
