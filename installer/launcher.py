"""Entry point of the frozen APA Desktop: the same as the ``apa-desktop`` console script
(``apa_desktop.cli:main``). PyInstaller needs a script file; this is it."""

import multiprocessing
import sys

from apa_desktop.cli import main


def utf8_output() -> None:
    """Print in UTF-8: on Windows a pipe or a redirected console otherwise gets the ANSI code page
    (cp1252), in which printing Bengali fails with UnicodeEncodeError. (The windowless exe has
    no streams at all.)"""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    multiprocessing.freeze_support()
    utf8_output()
    sys.exit(main())
