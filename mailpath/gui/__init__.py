"""The desktop app: window, background analysis, route graph view, export.

Importing this package imports only PySide6 (no dnspython, no networkx): the window paints
before the analysis machinery loads.
"""

from mailpath.gui._qtcompat import protect_none, skip_own_feature_scan

protect_none()
skip_own_feature_scan()
