"""Tab-separated tables (seed documents, rows pasted from Word/Excel) -> the document model.

``import_document(text, office, fiscal_year)`` reads a whole document;
``paste_rows(target, text, position)`` reads rows into an existing plan, NIS section or register
with the same row readers. Every cell that cannot be read is kept (as ``Unreadable`` where the
model allows) and reported as an :class:`ImportProblem` naming its line and column.
"""

from .document import ImportResult, import_document
from .paste import PasteResult, paste_rows
from .problems import ImportProblem

__all__ = ["ImportProblem", "ImportResult", "PasteResult", "import_document", "paste_rows"]
