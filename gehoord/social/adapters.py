"""Where signals come from: one adapter interface, one adapter per way in.

Every adapter turns what it receives into :class:`IncomingSignal` values that
passed :func:`validate`; :func:`gehoord.social.services.ingest` stores them
(once per platform and post id). The adapters here:

- :class:`JsonPayloadAdapter` — the body of an authenticated webhook call;
- :class:`CsvFileAdapter` — a file exported from a social-media tool;
- :class:`MastodonAdapter` — mentions of the municipality's Mastodon account
  (mastodon-py), from where the previous poll left off.

Another platform is one more subclass of :class:`SignalAdapter`, registered
with :func:`register` under its source name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gehoord.core import outbound
from gehoord.core.text import html_to_text
from gehoord.social.constants import Platform, SignalSource

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 10_000
MAX_SIGNALS_PER_CALL = 500
FIELDS = ("platform", "post_id", "author_handle", "author_name", "url", "text", "posted_at")
REQUIRED_FIELDS = ("platform", "post_id", "author_handle", "text", "posted_at")


@dataclass(frozen=True)
class IncomingSignal:
    platform: str
    post_id: str
    author_handle: str
    author_name: str
    url: str
    text: str
    posted_at: dt.datetime


class InvalidSignals(ValueError):
    """What is wrong with the input, per item: a list of (item label, field, message) in Dutch."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        super().__init__("; ".join(f"{where}: {field}: {message}" for where, field, message in problems))
        self.problems = problems


def _parse_moment(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            moment = parse_datetime(text)
        except ValueError:  # well formed, but no moment: 2026-13-45T25:00 (it was a server error)
            return None
        if moment is None:
            for pattern in ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M"):
                try:
                    moment = dt.datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
    else:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def validate(item: Mapping[str, Any]) -> tuple[IncomingSignal | None, list[tuple[str, str]]]:
    """One signal from loose input, or the problems with it as (field, message)."""
    problems: list[tuple[str, str]] = []
    if not isinstance(item, Mapping):
        return None, [("", _("Elk signaal is een object met velden, zoals platform en post_id."))]
    values = {name: item.get(name) for name in FIELDS}
    for name in REQUIRED_FIELDS:
        if values[name] in (None, "") or (isinstance(values[name], str) and not values[name].strip()):
            problems.append((name, _("Dit veld is verplicht.")))
    for name in ("platform", "post_id", "author_handle", "author_name", "url", "text"):
        if values[name] is not None and not isinstance(values[name], str | int):
            problems.append((name, _("Geef dit veld als tekst.")))
        elif isinstance(values[name], str) and "\x00" in values[name]:
            # The database cannot store it (PostgreSQL refused it with a server error).
            problems.append((name, _("Dit veld bevat een NUL-teken (U+0000). Laat dat weg.")))
    platform = str(values["platform"] or "").strip().lower()
    if platform and platform not in Platform.values:
        problems.append(
            ("platform", _("Onbekend platform '%(value)s'. Kies uit: %(choices)s.")
             % {"value": platform, "choices": ", ".join(Platform.values)})
        )  # fmt: skip
    url = str(values["url"] or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(("url", _("Geef een volledige link die begint met https://.")))
    posted_at = _parse_moment(values["posted_at"])
    if values["posted_at"] not in (None, "") and posted_at is None:
        problems.append(
            ("posted_at", _("Geef datum en tijd als 2026-11-30T09:15:00+01:00 of als 30-11-2026 09:15."))
        )
    elif posted_at is not None and posted_at > timezone.now() + dt.timedelta(minutes=5):
        problems.append(("posted_at", _("Dit moment ligt in de toekomst.")))
    text = str(values["text"] or "")
    if len(text) > MAX_TEXT_LENGTH:
        problems.append(("text", _("De tekst is langer dan %(max)s tekens.") % {"max": MAX_TEXT_LENGTH}))
    if problems:
        return None, problems
    return (
        IncomingSignal(
            platform=platform,
            post_id=str(values["post_id"]).strip()[:200],
            author_handle=str(values["author_handle"]).strip()[:200],
            author_name=str(values["author_name"] or "").strip()[:200],
            url=url[:500],
            text=text.strip(),
            posted_at=posted_at,
        ),
        [],
    )


def validate_all(items: Iterable[tuple[str, Mapping[str, Any]]]) -> list[IncomingSignal]:
    """Every item valid, or :class:`InvalidSignals` naming each problem with its item's label."""
    signals, problems = [], []
    for label, item in items:
        signal, item_problems = validate(item)
        problems += [(label, field, message) for field, message in item_problems]
        if signal is not None:
            signals.append(signal)
    if problems:
        raise InvalidSignals(problems)
    return signals


class SignalAdapter(ABC):
    """A way in for signals. `source` is the :class:`SignalSource` recorded on what it brings."""

    source: ClassVar[str]

    @abstractmethod
    def fetch(self) -> list[IncomingSignal]:
        """The signals this adapter has now, validated; raises :class:`InvalidSignals` for bad input."""

    def done(self, stored: list[IncomingSignal]) -> None:  # noqa: B027 - optional hook
        """Called after the signals were stored: an adapter that polls remembers where it left off."""


ADAPTERS: dict[str, type[SignalAdapter]] = {}


def register(adapter: type[SignalAdapter]) -> type[SignalAdapter]:
    ADAPTERS[adapter.source] = adapter
    return adapter


@register
class JsonPayloadAdapter(SignalAdapter):
    """The body of a webhook call: one signal object, a list of them, or {"signals": [...]}."""

    source = SignalSource.WEBHOOK

    def __init__(self, payload: Any) -> None:
        self.payload = payload

    def fetch(self) -> list[IncomingSignal]:
        payload = self.payload
        if isinstance(payload, Mapping) and "signals" in payload:
            payload = payload["signals"]
        items = [payload] if isinstance(payload, Mapping) else payload
        if not isinstance(items, list) or not items:
            raise InvalidSignals(
                [
                    (
                        "",
                        "",
                        _('Stuur één signaal als object, of meerdere als lijst of als {"signals": [...]}.'),
                    )
                ]
            )
        if len(items) > MAX_SIGNALS_PER_CALL:
            raise InvalidSignals(
                [("", "", _("Stuur hoogstens %(max)s signalen per keer.") % {"max": MAX_SIGNALS_PER_CALL})]
            )
        return validate_all((f"signals[{index}]", item) for index, item in enumerate(items))


@register
class CsvFileAdapter(SignalAdapter):
    """A CSV file with a header row naming the fields; comma or semicolon separated, UTF-8."""

    source = SignalSource.CSV

    def __init__(self, content: bytes) -> None:
        self.content = content

    def fetch(self) -> list[IncomingSignal]:
        try:
            text = self.content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidSignals(
                [("", "", _("Het bestand is geen UTF-8-tekst. Sla het op als CSV UTF-8."))]
            ) from error
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        header = [name.strip().lower() for name in reader.fieldnames or []]
        missing = [name for name in REQUIRED_FIELDS if name not in header]
        if missing:
            raise InvalidSignals(
                [("", "", _("De kopregel mist de kolommen: %(columns)s. Verwacht: %(expected)s.")
                  % {"columns": ", ".join(missing), "expected": ", ".join(FIELDS)})]
            )  # fmt: skip
        rows = (
            (_("regel %(line)s") % {"line": reader.line_num},
             {(key or "").strip().lower(): (value or "") for key, value in row.items()})
            for row in reader
        )  # fmt: skip
        signals = validate_all(rows)
        if not signals:
            raise InvalidSignals([("", "", _("Het bestand bevat geen signalen onder de kopregel."))])
        return signals


@register
class MastodonAdapter(SignalAdapter):
    """Mentions of the municipality's account on a Mastodon server, newer than the last poll's."""

    source = SignalSource.MASTODON
    page_limit = 40

    def __init__(self, *, api_base_url: str, access_token: str, timeout: float = 30.0) -> None:
        self.api_base_url = api_base_url.rstrip("/")
        self.access_token = access_token
        self.timeout = timeout
        self._newest_id: str | None = None

    @property
    def cursor_key(self) -> str:
        return f"mastodon:{self.api_base_url}"

    def _client(self):
        from mastodon import Mastodon

        return Mastodon(
            access_token=self.access_token,
            api_base_url=self.api_base_url,
            version_check_mode="none",
            request_timeout=self.timeout,
            ratelimit_method="throw",
            # Every request vetted and pinned to the address it vetted, no redirects (gehoord.core.outbound).
            session=outbound.session(),
        )

    def fetch(self) -> list[IncomingSignal]:
        from gehoord.social.models import AdapterCursor

        # Checked up front for a clear error (the session checks again at every request):
        # raises outbound.OutboundError when the address is not https or not on the internet.
        outbound.vet(self.api_base_url)
        cursor = AdapterCursor.objects.filter(key=self.cursor_key).values_list("value", flat=True).first()
        client = self._client()
        notifications = []
        # min_id pages forward from where the last poll stopped; the very first poll takes the newest page.
        min_id = cursor
        while True:
            page = client.notifications(types=["mention"], min_id=min_id, limit=self.page_limit)
            if not page:
                break
            notifications.extend(page)
            min_id = str(max(int(notification["id"]) for notification in page))
            if len(page) < self.page_limit:
                break
        signals = []
        for notification in notifications:
            status = notification.get("status")
            if notification.get("type") != "mention" or not status:
                continue
            account = status.get("account") or notification.get("account") or {}
            signal, problems = validate(
                {
                    "platform": Platform.MASTODON,
                    "post_id": str(status["id"]),
                    "author_handle": "@" + str(account.get("acct", "")).lstrip("@"),
                    "author_name": account.get("display_name") or "",
                    "url": status.get("url") or status.get("uri") or "",
                    "text": html_to_text(status.get("content") or "") or _("(bericht zonder tekst)"),
                    "posted_at": status.get("created_at"),
                }
            )
            if signal is None:
                # A post the platform sent malformed is skipped, not fatal for the ones after it.
                logger.warning("Mastodon status %s skipped: %s", status.get("id"), problems)
                continue
            signals.append(signal)
        ids = [int(notification["id"]) for notification in notifications]
        self._newest_id = str(max(ids)) if ids else None
        return signals

    def done(self, stored: list[IncomingSignal]) -> None:
        from gehoord.social.models import AdapterCursor

        if self._newest_id is not None:
            AdapterCursor.objects.update_or_create(key=self.cursor_key, defaults={"value": self._newest_id})
