"""Entry point of the frozen APA Desktop: the same as the ``apa-desktop`` console script
(``apa_desktop.cli:main``). PyInstaller needs a script file; this is it."""

import multiprocessing
import sys

from apa_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
