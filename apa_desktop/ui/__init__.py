"""The PySide6 front-end: widgets and Qt item models over the core model (no domain logic here)."""
