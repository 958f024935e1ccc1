"""Colour checks for municipal theming: WCAG 2.2 contrast, so a brand colour cannot make text unreadable."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.2 success criterion 1.4.3, normal text


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darken(hex_colour: str, factor: float = 0.8) -> str:
    r, g, b = (int(int(hex_colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def validate_text_colour_on_white(value: str) -> None:
    """A colour used for text on white, or behind white text, needs 4.5:1 contrast."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Geef een kleur op als #rrggbb, bijvoorbeeld #1f4e79."))
    ratio = contrast_ratio(value, "#ffffff")
    if ratio < MIN_TEXT_CONTRAST:
        raise ValidationError(
            _(
                "Deze kleur heeft te weinig contrast met wit (%(ratio).1f:1; minstens 4,5:1 nodig voor "
                "toegankelijkheid). Kies een donkerdere kleur."
            )
            % {"ratio": ratio}
        )
