"""Qt item models over the parts of an office-year."""
