"""One module per family of tabs of the main window."""
