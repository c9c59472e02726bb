"""A status badge's text colour: the admin's own when it reads, else black or white."""

from __future__ import annotations

import pytest

from components.colours import contrast, readable_text


def test_contrast_is_wcags_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#fff", "#fff") == pytest.approx(1)
    assert contrast("#ffffff", "#0d6efd") == pytest.approx(4.5, abs=0.01)
    assert contrast("not a colour", "#ffffff") is None


@pytest.mark.parametrize(
    ("font", "background", "shown"),
    [
        ("#ffffff", "#198754", "#ffffff"),  # 4.53: the admin's choice reads, it stays
        ("#ffffff", "#0dcaf0", "#000000"),  # white on cyan, 1.9: black reads
        ("#ffffff", "#fd7e14", "#000000"),  # white on orange, 2.6: black reads
        ("#000000", "#212529", "#ffffff"),  # black on near-black: white reads
        ("#777777", "#777777", "#000000"),  # invisible: whichever of the two reads better
        ("#ffffff", "", "#ffffff"),  # no background chosen: left as it is
        (None, "#0dcaf0", None),
    ],
)
def test_the_badge_text_reads_on_its_background(font, background, shown):
    assert readable_text(font, background) == shown
