# dmgbuild settings for mailpath's disk image: the app beside a link to /Applications, so
# installing is one drag. Used by packaging/build.py:
#
#   dmgbuild -s packaging/macos/dmg_settings.py -D app=dist/mailpath.app \
#            -D icon=build/icons/mailpath.icns "mailpath 0.1.0" dist/mailpath-0.1.0-macos-arm64.dmg
#
# dmgbuild runs this file with a `defines` dict (the -D values) in its namespace; it needs
# hdiutil, so it only runs on macOS (the Linux CI only checks that this file loads).
# ruff: noqa: F821
import os.path

application = defines.get("app", "dist/mailpath.app")  # type: ignore[name-defined]
appname = os.path.basename(application)

# Compressed with LZFSE (macOS 10.11+): smaller than zlib's UDZO.
format = defines.get("format", "ULMO")  # type: ignore[name-defined]
filesystem = "HFS+"
size = None  # computed from the contents

files = [application]
symlinks = {"Applications": "/Applications"}
hide_extension = [appname]

# The volume's own icon in Finder's sidebar and on the desktop.
_icon = defines.get("icon")  # type: ignore[name-defined]
if _icon and os.path.exists(_icon):
    icon = _icon

# Finder window: the app on the left, an arrow, the Applications folder on the right.
background = "builtin-arrow"
window_rect = ((200, 120), (640, 360))
default_view = "icon-view"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
arrange_by = None
icon_size = 128
text_size = 14
icon_locations = {
    appname: (160, 170),
    "Applications": (480, 170),
}
