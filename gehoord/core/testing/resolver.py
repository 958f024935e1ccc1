"""A name resolver for tests of the outgoing-requests guard: it answers what the test says, and counts.

Put it in place of :func:`gehoord.core.outbound.resolve`::

    resolver = FakeResolver({"zaken.example.nl": ["145.97.1.10"]})
    monkeypatch.setattr(outbound, "resolve", resolver)

Change ``resolver.answers`` between two steps to play a DNS server that
rebinds a name to another address.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

# Public addresses (no RFC 5737 documentation range: Python counts that as private).
PUBLIC_ADDRESS = "145.97.1.10"
PUBLIC_ADDRESS_V6 = "2a00:1450:4001:80b::200e"


@dataclass
class FakeResolver:
    answers: dict[str, list[str]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return list(self.answers[host])
