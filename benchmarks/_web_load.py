"""Load generator of benchmarks/submissions.py: citizens filling in the public complaint form over HTTP.

    python benchmarks/_web_load.py --port P --clients C (--seconds S | --count N) [--follow]
        [--first-address N] [--tokens-file FILE]

Runs as a process of its own (no Django in it), next to the gunicorn server it
loads. Each of C threads plays one citizen after another, each a new visitor
with no cookies, as a browser does it:

1. GET /klacht/formulier/: the csrftoken cookie, the CSRF token of the form and
   the one-time form token (and the department options);
2. POST the complete form as multipart/form-data (the form's enctype), with the
   cookie, the tokens and the Origin header a browser sends; it must answer
   302 to /klacht/ontvangen/ and set the session cookie;
3. with --follow, GET /klacht/ontvangen/ as the browser does after the
   redirect; it must answer 200 with a complaint reference on it.

Every citizen comes from an address of their own (X-Real-IP, which the server
reads with CLIENT_IP_HEADER), so the per-client rate limit of the form stays
on and is counted in Redis, but one load generator does not look like one
abusive client. A submission counts only when every step answered as above;
anything else is reported as a failure with what came back. Threads stop
starting new submissions after S seconds and finish the one they are in; with
--count, they stop after exactly N counted submissions between them (a failed
one is made again by another citizen), or after --max-failures failures.

Every complaint's description ends with a token of its own (a UUID), so the
database can be checked for each submission; with --tokens-file, the token
and e-mail address of every counted submission are written there, one
``token address`` a line. Prints one JSON object on stdout: the counted
submissions (and how many of them chose a department), the failures by kind,
the timings and the CPU time this process used. With --count it also reports
its progress on stderr every ten seconds.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import itertools
import json
import re
import statistics
import sys
import threading
import time
import uuid
from collections import Counter

FORM_PATH = "/klacht/formulier/"
RECEIVED_PATH = "/klacht/ontvangen/"
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(rb'name="form_token" value="([^"]+)"')
DEPARTMENT_SELECT = re.compile(rb'<select name="department".*?</select>', re.S)
OPTION_VALUE = re.compile(rb'<option value="(\d+)"')
REFERENCE = re.compile(rb"K-\d{4}-\d{5}")
DESCRIPTIONS = [
    "Ik ben drie keer beloofd teruggebeld te worden en niemand belde mij terug.",
    "De medewerker aan de balie was onvriendelijk en hielp mij niet met mijn paspoort.",
    "Mijn aanvraag voor een parkeervergunning ligt al maanden stil zonder bericht.",
    "Het afval is weer niet opgehaald, en op mijn melding kreeg ik geen antwoord.",
]
SURNAMES = ["de Vries", "Jansen", "Bakker", "El Amrani", "Visser", "Smit", "Yilmaz", "Mulder"]


class Failure(Exception):
    pass


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _sep, val = pair.partition("=")
            jar[key.strip()] = val.strip()
    return jar


def _multipart(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    """The body a browser sends for the form (enctype multipart/form-data), with an empty file field."""
    boundary = f"----gehoordbench{uuid.uuid4().hex}"
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n\r\n".encode()
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Citizen:
    def __init__(self, host: str, port: int, address: str, number: int, follow: bool) -> None:
        self.host, self.port, self.address, self.number, self.follow = host, port, address, number, follow
        self.origin = f"http://{host}:{port}"
        self.email = f"burger{number}@example.nl"

    def _request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        # gunicorn's sync workers close the connection after every response, as a browser then reconnects.
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(
                method,
                path,
                body=body,
                headers={"Host": f"{self.host}:{self.port}", "X-Real-IP": self.address, **(headers or {})},
            )
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        return response, data

    def submit(self, mark: str) -> tuple[float, float, bool]:
        """One complete submission; returns (seconds of the whole flow, seconds of the POST, department chosen)."""
        started = time.perf_counter()
        response, page = self._request("GET", FORM_PATH, headers={"Accept": "text/html"})
        if response.status != 200:
            raise Failure(f"GET form {response.status}")
        jar = _cookies(response)
        csrf, token = CSRF_FIELD.search(page), FORM_TOKEN.search(page)
        if "csrftoken" not in jar or not csrf or not token:
            raise Failure("GET form without csrftoken cookie, CSRF field or form token")
        select = DEPARTMENT_SELECT.search(page)
        departments = OPTION_VALUE.findall(select[0]) if select else []
        n = self.number
        # Every third citizen does not know the department ("Weet ik niet"), and says who instead.
        department = departments[n % len(departments)].decode() if departments and n % 3 else ""
        fields = [
            ("csrfmiddlewaretoken", csrf[1].decode()),
            ("form_token", token[1].decode()),
            ("first_name", "Sanne" if n % 2 else "Mohamed"),
            ("last_name", f"{SURNAMES[n % len(SURNAMES)]} {n}"),
            ("email", self.email),
            ("phone", "06 12345678" if n % 4 == 0 else ""),
            ("street", "Kerkstraat"),
            ("house_number", str(n % 200 + 1)),
            ("house_number_addition", ""),
            ("postal_code", "1234 AB"),
            ("city", "Voorbeeldstad"),
            ("description", f"{DESCRIPTIONS[n % len(DESCRIPTIONS)]} (kenmerk {mark})"),
            ("conduct_date_day", "2"),
            ("conduct_date_month", "11"),
            ("conduct_date_year", "2026"),
            ("department", department),
            ("involved_description", "" if department else "De medewerker aan de balie"),
            ("desired_outcome", "Excuses en een uitleg van wat er misging."),
            ("preferred_contact", "email"),
            ("contact_times", "doordeweeks na 17.00 uur"),
            ("representative_name", ""),
            ("representative_organisation", ""),
            ("representative_email", ""),
            ("representative_phone", ""),
            ("fax_number", ""),
        ]
        body, content_type = _multipart(fields)
        posted = time.perf_counter()
        response, _answer = self._request(
            "POST",
            FORM_PATH,
            body=body,
            headers={
                "Content-Type": content_type,
                "Cookie": f"csrftoken={jar['csrftoken']}",
                "Origin": self.origin,
                "Referer": self.origin + FORM_PATH,
            },
        )
        post_seconds = time.perf_counter() - posted
        if response.status != 302 or response.getheader("Location") != RECEIVED_PATH:
            raise Failure(f"POST {response.status} {response.getheader('Location')}")
        session = _cookies(response).get("sessionid")
        if not session:
            raise Failure("POST without session cookie")
        if self.follow:
            response, page = self._request(
                "GET", RECEIVED_PATH, headers={"Cookie": f"csrftoken={jar['csrftoken']}; sessionid={session}"}
            )
            if response.status != 200 or not REFERENCE.search(page):
                raise Failure(f"GET received {response.status}")
        return time.perf_counter() - started, post_seconds, bool(department)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--count", type=int, help="stop after exactly this many counted submissions instead")
    parser.add_argument("--max-failures", type=int, default=100, help="with --count: give up after this many")
    parser.add_argument("--tokens-file", help="write 'token address' of every counted submission here")
    parser.add_argument("--follow", action="store_true")
    parser.add_argument("--first-address", type=int, default=1, help="number of the first client address")
    args = parser.parse_args()

    # Addresses 10.x.y.z, one per citizen, unique across the runs of one benchmark.
    numbers = itertools.count(args.first_address)
    lock = threading.Lock()
    flows: list[float] = []
    posts: list[float] = []
    departments = [0]
    failures: Counter[str] = Counter()
    tokens: list[tuple[str, str]] = []
    # With --count: submissions not yet started; a failed one goes back.
    unstarted = [args.count]
    started = time.perf_counter()
    deadline = started + args.seconds
    done = threading.Event()

    def next_citizen() -> int | None:
        with lock:
            if args.count is None:
                return next(numbers) if time.perf_counter() < deadline else None
            if unstarted[0] <= 0 or failures.total() >= args.max_failures:
                return None
            unstarted[0] -= 1
            return next(numbers)

    def work() -> None:
        while (n := next_citizen()) is not None:
            address = str(ipaddress.IPv4Address("10.0.0.0") + n)
            citizen, token = Citizen(args.host, args.port, address, n, args.follow), uuid.uuid4().hex
            try:
                flow, post, department = citizen.submit(token)
            except (Failure, OSError, http.client.HTTPException) as error:
                with lock:
                    failures[str(error)[:80]] += 1
                    unstarted[0] += 1
                continue
            with lock:
                flows.append(flow)
                posts.append(post)
                departments[0] += department
                tokens.append((token, citizen.email))

    def progress() -> None:
        while not done.wait(10):
            with lock:
                counted, failed = len(flows), failures.total()
            seconds = time.perf_counter() - started
            print(
                f"  {counted:,} of {args.count:,} submitted in {seconds:.0f} s ({counted / seconds:.0f}/s),"
                f" {failed} failed",
                file=sys.stderr,
                flush=True,
            )

    threads = [threading.Thread(target=work) for _ in range(args.clients)]
    if args.count is not None:
        threading.Thread(target=progress, daemon=True).start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    done.set()
    if args.tokens_file:
        with open(args.tokens_file, "w") as out:
            out.writelines(f"{token} {email}\n" for token, email in tokens)

    def quantiles(values: list[float]) -> dict[str, float]:
        if len(values) < 2:
            return {"p50": values[0] if values else 0.0, "p95": values[0] if values else 0.0}
        cuts = statistics.quantiles(values, n=100, method="inclusive")
        return {"p50": statistics.median(values), "p95": cuts[94]}

    print(
        json.dumps(
            {
                "submissions": len(flows),
                "failures": dict(failures),
                "elapsed": elapsed,
                "flow": quantiles(flows),
                "post": quantiles(posts),
                "with_department": departments[0],
                "cpu_seconds": time.process_time(),
            }
        )
    )


if __name__ == "__main__":
    main()
