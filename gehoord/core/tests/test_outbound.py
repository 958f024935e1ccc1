"""The outgoing-requests guard on its own: which addresses are internal, pinning with TLS, no redirects."""

from __future__ import annotations

import datetime as dt
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from gehoord.core import outbound
from gehoord.core.testing.resolver import PUBLIC_ADDRESS, PUBLIC_ADDRESS_V6, FakeResolver


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.0.1",
        "10.0.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "169.254.169.254",
        "169.254.0.1",
        "100.64.0.1",
        "100.127.255.254",
        "0.0.0.0",  # noqa: S104 - the unspecified address, as a destination
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",  # the IPv6 metadata address of one cloud
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::7f00:1",  # NAT64 to 127.0.0.1
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 around the metadata address
    ],
)
def test_internal_addresses(address):
    assert outbound.is_internal(address)


@pytest.mark.parametrize(
    "address", [PUBLIC_ADDRESS, "8.8.8.8", PUBLIC_ADDRESS_V6, "::ffff:8.8.8.8", "2002:0808:0808::1"]
)
def test_public_addresses(address):
    assert not outbound.is_internal(address)


@pytest.fixture
def resolver(monkeypatch):
    resolver = FakeResolver({"zaken.example.nl": [PUBLIC_ADDRESS]})
    monkeypatch.setattr(outbound, "resolve", resolver)
    return resolver


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://zaken.example.nl/", "begint met https://"),
        ("file:///etc/passwd", "begint met https://"),
        ("https:///pad", "mist een servernaam"),
        ("https://zaken.example.nl:99999/", "poortnummer"),
    ],
)
def test_malformed_addresses_are_refused_with_a_reason(resolver, url, message):
    with pytest.raises(outbound.OutboundRefused, match=message):
        outbound.vet(url)


def test_http_follows_the_setting(resolver, settings):
    settings.OUTBOUND_ALLOW_HTTP = False
    with pytest.raises(outbound.OutboundRefused, match="https://"):
        outbound.vet("http://zaken.example.nl/")
    settings.OUTBOUND_ALLOW_HTTP = True
    assert outbound.vet("http://zaken.example.nl/").address == PUBLIC_ADDRESS


def test_a_rebinding_name_is_caught_by_the_check_at_send(resolver):
    assert outbound.vet("https://zaken.example.nl/").address == PUBLIC_ADDRESS
    resolver.answers["zaken.example.nl"] = ["127.0.0.1"]
    with pytest.raises(outbound.OutboundRefused):
        outbound.session().get("https://zaken.example.nl/")


# -- pinning with TLS: connect to the vetted address, check the certificate of the name -----


def _certificate(tmp_path, name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


@pytest.fixture
def tls_server(tmp_path):
    """An https server on 127.0.0.1 with a certificate for ontvanger.test; records the SNI and Host it saw."""
    cert_file, key_file = _certificate(tmp_path, "ontvanger.test")
    seen: dict[str, str | None] = {}
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    context.sni_callback = lambda sock, server_name, ctx: seen.__setitem__("sni", server_name)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen["host"] = self.headers["Host"]
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], cert_file, seen
    server.shutdown()
    server.server_close()


def test_https_connects_to_the_vetted_address_and_verifies_the_name(tls_server, resolver, settings):
    port, cert_file, seen = tls_server
    settings.OUTBOUND_ALLOWED_HOSTS = ["ontvanger.test"]
    resolver.answers["ontvanger.test"] = ["127.0.0.1"]

    response = outbound.session().get(f"https://ontvanger.test:{port}/", verify=str(cert_file))

    assert response.status_code == 204
    assert seen == {"sni": "ontvanger.test", "host": f"ontvanger.test:{port}"}
    assert resolver.lookups == ["ontvanger.test"]


def test_the_certificate_must_match_the_name_not_the_address(tls_server, resolver, settings):
    import requests

    port, cert_file, _seen = tls_server
    settings.OUTBOUND_ALLOWED_HOSTS = ["ander.test"]
    resolver.answers["ander.test"] = ["127.0.0.1"]

    with pytest.raises(requests.exceptions.SSLError):
        outbound.session().get(f"https://ander.test:{port}/", verify=str(cert_file))


def test_a_redirect_is_not_followed_even_when_asked(resolver, settings):
    """Mastodon.py asks requests to follow redirects; the guarded session answers with the 3xx itself."""
    settings.OUTBOUND_ALLOW_HTTP = True
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    resolver.answers["127.0.0.1"] = ["127.0.0.1"]
    try:
        response = outbound.session().get(
            f"http://127.0.0.1:{server.server_address[1]}/", allow_redirects=True
        )
    finally:
        server.shutdown()
        server.server_close()
    assert response.status_code == 302 and response.history == []
    assert hits == ["/"]
    assert resolver.lookups == ["127.0.0.1"]


def test_no_proxy_from_the_environment(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://10.0.0.1:3128")
    assert outbound.session().trust_env is False
