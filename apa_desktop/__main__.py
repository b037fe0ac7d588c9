"""`python -m apa_desktop` is the same as the `apa-desktop` command."""

from .cli import main

main()
