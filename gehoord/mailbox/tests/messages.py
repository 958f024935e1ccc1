"""Raw e-mails as mail programs send them, for the tests."""

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def mail(
    *,
    sender: str = "Jan de Vries <jan.devries@example.org>",
    subject: str = "Klacht over de balie",
    text: str = "Ik ben aan de balie onbeleefd behandeld door een medewerker.",
    html: str | None = None,
    attachment: tuple[str, bytes, str] | None = None,
    headers: dict[str, str] | None = None,
    message_id: str | None = None,
) -> bytes:
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = "klachten@gemeente.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC))
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    for name, value in (headers or {}).items():
        message[name] = value
    if html is not None and text:
        message.set_content(text)
        message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(text)
    if attachment is not None:
        filename, content, content_type = attachment
        maintype, subtype = content_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()
