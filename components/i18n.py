"""Translation for layouts and callbacks: `_`, `n_` (counts) in the request's locale and
`N_`, which marks a label where it is defined (see web/context.py and data/i18n.py)."""

from __future__ import annotations

from data.i18n import N_
from web.context import _, n_

__all__ = ["N_", "_", "n_"]
