"""Colours an admin chooses (a status's text on its background) made readable: WCAG 2.1's
contrast ratio, and the text colour a badge shows."""

from __future__ import annotations

# WCAG 2.1 AA for normal text (1.4.3); a badge's small bold text is normal text.
MINIMUM_CONTRAST = 4.5
BLACK = "#000000"
WHITE = "#ffffff"


def _channels(colour: str) -> tuple[float, float, float] | None:
    text = (colour or "").strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        return None
    try:
        red, green, blue = (int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    return red, green, blue


def _luminance(channels: tuple[float, float, float]) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float | None:
    """WCAG's contrast ratio of two '#rrggbb' colours (1 to 21); None if one is not a colour."""
    a, b = _channels(first), _channels(second)
    if a is None or b is None:
        return None
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_text(font: str | None, background: str | None) -> str | None:
    """`font` when it reads on `background` (ratio ≥ 4.5), else black or white, whichever
    reads better; `font` unchanged when either is not a colour."""
    ratio = contrast(font or "", background or "")
    if ratio is None or ratio >= MINIMUM_CONTRAST:
        return font
    on_black = contrast(BLACK, background or "") or 0
    on_white = contrast(WHITE, background or "") or 0
    return BLACK if on_black >= on_white else WHITE
