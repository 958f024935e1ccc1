"""Shared bits for the intake tests: a valid form submission and small real files."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gehoord.intake.tokens import new_form_token

# Minimal but real file contents, recognised by their magic numbers.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _image(image_format: str) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format=image_format)
    return buffer.getvalue()


PNG_BYTES = _image("PNG")
JPEG_BYTES = _image("JPEG")


def valid_form_data(**overrides) -> dict:
    data = {
        "form_token": new_form_token(),
        "first_name": "Fatima",
        "last_name": "Boukhari",
        "email": "fatima@example.nl",
        "phone": "",
        "street": "",
        "house_number": "",
        "house_number_addition": "",
        "postal_code": "",
        "city": "",
        "description": "Ik werd aan de balie onvriendelijk weggestuurd zonder uitleg.",
        "conduct_date_day": "2",
        "conduct_date_month": "11",
        "conduct_date_year": "2026",
        "department": "",
        "involved_description": "De medewerker aan de balie",
        "desired_outcome": "Excuses en uitleg.",
        "preferred_contact": "email",
        "contact_times": "",
        "representative_name": "",
        "representative_organisation": "",
        "representative_email": "",
        "representative_phone": "",
        "fax_number": "",
    }
    data.update(overrides)
    return data


def pdf_file(name: str = "brief.pdf", size: int | None = None) -> SimpleUploadedFile:
    # Padding goes before the end marker: the policy reads a PDF's %%EOF at its end.
    content = PDF_BYTES if size is None else b"%PDF-1.4\n" + b"0" * (size - len(PDF_BYTES)) + PDF_BYTES[9:]
    return SimpleUploadedFile(name, content, content_type="application/pdf")
