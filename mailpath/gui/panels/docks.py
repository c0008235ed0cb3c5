"""The docked panels' former home, kept so that older imports still work: each panel now has
its own module (`details`, `spf_trace`, `findings`) and what they share is in `widgets`."""

from __future__ import annotations

from mailpath.gui.panels.details import DetailsPanel
from mailpath.gui.panels.findings import OUTCOME_ROLE, TEXTS_ROLE, FindingDelegate, FindingsPanel
from mailpath.gui.panels.spf_trace import SpfTracePanel
from mailpath.gui.panels.widgets import (
    CopyableTree,
    copy_tree_selection,
    escaped_tooltip,
    plain_label,
    wrap_viewport,
)

__all__ = [
    "OUTCOME_ROLE",
    "TEXTS_ROLE",
    "CopyableTree",
    "DetailsPanel",
    "FindingDelegate",
    "FindingsPanel",
    "SpfTracePanel",
    "copy_tree_selection",
    "escaped_tooltip",
    "plain_label",
    "wrap_viewport",
]
