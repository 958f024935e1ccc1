"""Signatures of outgoing webhooks, as the Standard Webhooks specification defines them.

Every request carries three headers: ``webhook-id`` (the event's id, the same
on every retry, so a receiver can drop duplicates), ``webhook-timestamp``
(Unix seconds of this attempt, so a receiver can refuse replays) and
``webhook-signature``: ``v1,`` followed by the Base64 HMAC-SHA256 of
``"{id}.{timestamp}.{body}"``. The key is the endpoint's secret, written
``whsec_`` + Base64, as the receiving libraries of that specification
(``standardwebhooks`` for Python, JavaScript, Go, ...) expect.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# The marker of a secret, not a secret.
SECRET_PREFIX = "whsec_"  # noqa: S105  # nosec B105
SIGNATURE_VERSION = "v1"
SECRET_BYTES = 32


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secret: str, *, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header value for one request."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def headers(secret: str, *, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id=message_id, timestamp=timestamp, body=body),
    }


def verify(secret: str, *, message_id: str, timestamp: int, body: bytes, signature_header: str) -> bool:
    """Whether one of the space-separated signatures in the header is ours (constant-time)."""
    expected = sign(secret, message_id=message_id, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, candidate) for candidate in signature_header.split())
