"""The main window and the parts it lays out: input bar, menus, analysis runs, files, headline."""
