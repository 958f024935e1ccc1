"""A local stand-in for a Mastodon server: the notifications endpoint of its REST API, over real HTTP.

It serves GET /api/v1/notifications as Mastodon does (Bearer token, types[],
min_id, limit; newest first) from a list of notifications the test sets.
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def mention(
    notification_id: int,
    status_id: int,
    *,
    acct="piet@mastodon.example",
    content="<p>Hallo</p>",
    kind="mention",
):
    account = {"id": "5", "username": acct.split("@")[0], "acct": acct, "display_name": "Piet Pieters",
               "url": f"https://mastodon.example/@{acct}"}  # fmt: skip
    return {
        "id": str(notification_id),
        "type": kind,
        "created_at": "2026-11-30T09:00:00.000Z",
        "account": account,
        "status": {
            "id": str(status_id),
            "uri": f"https://mastodon.example/users/piet/statuses/{status_id}",
            "url": f"https://mastodon.example/@piet/{status_id}",
            "content": content,
            "created_at": "2026-11-30T09:00:00.000Z",
            "account": account,
        },
    }


class StandIn:
    def __init__(self, token: str) -> None:
        self.token = token
        self.notifications: list[dict] = []
        self.requests: list[str] = []
        # When set, every request is answered with a redirect to this address.
        self.redirect_to = ""


@contextmanager
def mastodon_server(token: str = "mastodon-token"):
    state = StandIn(token)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            url = urlparse(self.path)
            if state.redirect_to:
                self.send_response(302)
                self.send_header("Location", state.redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if self.headers.get("Authorization") != f"Bearer {state.token}":
                return self._send(401, {"error": "The access token is invalid"})
            if url.path != "/api/v1/notifications":
                return self._send(404, {"error": "Record not found"})
            query = parse_qs(url.query)
            types = query.get("types[]")
            items = [n for n in state.notifications if not types or n["type"] in types]
            if "min_id" in query:
                items = [n for n in items if int(n["id"]) > int(query["min_id"][0])]
                items = sorted(items, key=lambda n: int(n["id"]))[: int(query.get("limit", ["40"])[0])]
            items = sorted(items, key=lambda n: int(n["id"]), reverse=True)[
                : int(query.get("limit", ["40"])[0])
            ]
            return self._send(200, items)

        def _send(self, status: int, body) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
