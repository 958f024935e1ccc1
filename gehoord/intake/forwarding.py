"""'Stuur door': the e-mail that sends the complaints page to someone, in one fixed form.

Anyone can fill in the form, so the e-mail must not be a way to send
anything in the municipality's name. It says that a visitor of the website
sent it; it comes from the site's own address under a fixed name (no name
the visitor typed is in the From header, the subject or anywhere else); and
the visitor's short note is plain text in which nothing can become a link.
The only link is the complaints page itself, on the configured site address.
"""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gehoord.core.text import without_links
from gehoord.organisation.models import Municipality


def sender_address(municipality: Municipality) -> str:
    """The site's own address under a fixed display name."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return formataddr((_("Website van %(municipality)s") % {"municipality": municipality.name}, address))


def visitor_note(message: str) -> str:
    """The visitor's note as plain text with every address taken out, on at most a few short lines."""
    text = without_links(message, _("[link verwijderd]"))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


# The one page "Stuur door" sends, whichever page the visitor came from: the forward page names it.
PAGE_TITLE = gettext_lazy("Klachten? Vertel het de gemeente!")


def page_url() -> str:
    # The configured address, not the Host header of whoever posted the form.
    return settings.SITE_URL.rstrip("/") + reverse("intake:start")


def forwarded_page_email(recipient: str, message: str) -> EmailMessage:
    municipality = Municipality.load()
    context = {"municipality": municipality, "note": visitor_note(message), "page_url": page_url()}
    return EmailMessage(
        subject=render_to_string("intake/email/forward_subject.txt", context).strip(),
        body=render_to_string("intake/email/forward_body.txt", context),
        from_email=sender_address(municipality),
        to=[recipient],
    )
