"""Our signatures verify with the reference library of the Standard Webhooks specification."""

import datetime as dt

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from gehoord.webhooks import signing


def _signed(secret: str, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    timestamp = timestamp or int(dt.datetime.now(dt.UTC).timestamp())
    return signing.headers(secret, message_id="msg_2Kx", timestamp=timestamp, body=body)


def test_signature_verifies_with_the_reference_implementation():
    secret = signing.new_secret()
    body = b'{"type":"complaint.received","data":{"reference":"K-2026-00001","status":"received"}}'
    assert Webhook(secret).verify(body, _signed(secret, body)) == {
        "type": "complaint.received",
        "data": {"reference": "K-2026-00001", "status": "received"},
    }


def test_non_ascii_body_verifies():
    secret = signing.new_secret()
    body = '{"note":"beëindigd – één"}'.encode()
    assert Webhook(secret).verify(body, _signed(secret, body))["note"] == "beëindigd – één"


@pytest.mark.parametrize("tamper", ["body", "secret", "id", "timestamp"])
def test_any_change_breaks_the_signature(tamper):
    secret = signing.new_secret()
    body = b'{"status":"formal"}'
    headers = _signed(secret, body)
    if tamper == "body":
        body = b'{"status":"closed"}'
    if tamper == "secret":
        secret = signing.new_secret()
    if tamper == "id":
        headers["webhook-id"] = "msg_other"
    if tamper == "timestamp":
        headers["webhook-timestamp"] = str(int(headers["webhook-timestamp"]) + 1)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body, headers)
    assert not signing.verify(
        secret,
        message_id=headers["webhook-id"],
        timestamp=int(headers["webhook-timestamp"]),
        body=body,
        signature_header=headers["webhook-signature"],
    )


def test_own_verify_accepts_one_of_several_signatures():
    old, new = signing.new_secret(), signing.new_secret()
    body = b"{}"
    now = 1_780_000_000
    header = " ".join(
        [
            signing.sign(old, message_id="m", timestamp=now, body=body),
            signing.sign(new, message_id="m", timestamp=now, body=body),
        ]
    )
    assert signing.verify(new, message_id="m", timestamp=now, body=body, signature_header=header)


def test_secrets_are_unique_and_long():
    secrets = {signing.new_secret() for _ in range(50)}
    assert len(secrets) == 50
    assert all(s.startswith("whsec_") and len(signing._key(s)) == 32 for s in secrets)


def test_a_replay_outside_five_minutes_is_refused_by_the_receiver():
    secret = signing.new_secret()
    body = b"{}"
    old = int((dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)).timestamp())
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body, _signed(secret, body, old))
