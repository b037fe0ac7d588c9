"""Page breaks as a person would make them, applied to a whole story before layout:

- a heading (and the short lines under it) stays with the first rows of the table it introduces;
- a signature block stays with the last rows of the table it certifies (and the notes between);
- a table's footnote (the provisional-data note) stays with the table's last rows.

Tables themselves keep two data rows on each side of a break (:class:`.tables.Grid`). Both
wrappers below lay nothing out themselves: they always ask the frame to split them and answer
with their parts, cut where the rules allow."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import _listWrapOn

from .signatures import SignatureBlocks
from .styles import HEADINGS
from .tables import Grid

MAX_LINES_UNDER_HEADING = 4


def _at_top(flowable: object) -> bool:
    """Whether the frame splitting ``flowable`` is still empty (a new page is no better)."""
    return bool(getattr(getattr(flowable, "_frame", None), "_atTop", False))


def _split(body: Flowable, frame_of: object, width: float, height: float) -> list[object]:
    """``body.split`` told whether its frame is empty (see :func:`_at_top`)."""
    body._frame = getattr(frame_of, "_frame", None)
    try:
        return body.split(width, height)
    finally:
        del body._frame


def _height(flowables: list[object], width: float, canvas: object) -> float:
    return _listWrapOn(flowables, width, canvas)[1] if flowables else 0.0


class _Splitting(Flowable):
    """A flowable that is only ever split (its :meth:`wrap` claims more than the room there is).
    ``locChanger`` keeps ReportLab from putting it inside a KeepTogether (which would then find
    it too tall for any page)."""

    locChanger = True

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, available_height + 1

    def draw(self) -> None:  # never drawn whole: see split
        raise AssertionError("laid out only through split")


class WithSignature(_Splitting):
    """A table, the notes under it and the signature block certifying it (if any): neither the
    notes nor the block go to a page without the table's last rows."""

    def __init__(self, table: Grid, notes: list[object], block: SignatureBlocks | None) -> None:
        super().__init__()
        self.table, self.notes, self.block = table, notes, block

    def split(self, available_width: float, available_height: float) -> list[object]:
        canvas = getattr(self, "canv", None)
        tail = [*self.notes, *([self.block] if self.block is not None else [])]
        table_height = self.table.wrap(available_width, available_height)[1]
        tail_height = _height(tail, available_width, canvas)
        if table_height + tail_height <= available_height:
            return [self.table, *tail]
        # As many rows here as fit (the last part always has two rows at least and takes the block
        # along); a table that fits only without the block sends its last rows over with it.
        room = available_height - tail_height if table_height <= available_height else available_height
        parts = _split(self.table, self, available_width, room)
        if len(parts) != 2:
            # not even two rows fit above the block: all of it on the next page, unless this is one
            return [self.table, *tail] if _at_top(self) else []
        return [parts[0], WithSignature(parts[1], self.notes, self.block)]


class Headed(_Splitting):
    """Headings (and a few lines under them) kept with the first rows of what follows."""

    def __init__(self, heads: list[Paragraph], body: Flowable) -> None:
        super().__init__()
        self.heads, self.body = heads, body
        self.page_key = next((h.page_key for h in heads if getattr(h, "page_key", None)), None)

    def split(self, available_width: float, available_height: float) -> list[object]:
        canvas = getattr(self, "canv", None)
        room = available_height - _height(self.heads, available_width, canvas)
        if room > 0 and self.body.wrap(available_width, room)[1] <= room:
            return [*self.heads, self.body]
        parts = _split(self.body, self, available_width, room) if room > 0 else []
        if parts:
            return [*self.heads, *parts]
        return [*self.heads, self.body] if _at_top(self) else []


def _is_heading(item: object) -> bool:
    return isinstance(item, Paragraph) and item.style.name in HEADINGS


def _table_like(item: object) -> bool:
    return isinstance(item, (Grid, WithSignature))


def keep_rules(story: list[object]) -> list[object]:
    """``story`` with signature blocks tied to their tables and headings to theirs."""
    return _keep_headings(_keep_notes(_keep_signatures(story)))


def _is_note(item: object) -> bool:
    """Room or a footnote between a table and its signatures (the provisional note, instructions)."""
    return isinstance(item, Spacer) or isinstance(item, Paragraph) and item.style.name == "small"


def _keep_signatures(story: list[object]) -> list[object]:
    out: list[object] = []
    for item in story:
        if not isinstance(item, SignatureBlocks):
            out.append(item)
            continue
        notes: list[object] = []
        while out and _is_note(out[-1]) and len(notes) < MAX_LINES_UNDER_HEADING:
            notes.insert(0, out.pop())
        if out and isinstance(out[-1], Grid):
            out.append(WithSignature(out.pop(), notes, item))
        elif out and isinstance(out[-1], Paragraph) and not _is_heading(out[-1]):
            kept = [out.pop()]  # the last lines it certifies, and their heading if it is right above
            while out and _is_heading(out[-1]):
                kept.insert(0, out.pop())
            out.append(KeepTogether([*kept, *notes, item]))
        else:
            out += [*notes, item]
    return out


def _keep_notes(story: list[object]) -> list[object]:
    """Each table with the footnotes right under it (a signature block took its own already)."""
    out: list[object] = []
    for item in story:
        if isinstance(item, Paragraph) and item.style.name == "small" and out and isinstance(out[-1], Grid):
            out.append(WithSignature(out.pop(), [item], None))
        elif (isinstance(item, Paragraph) and item.style.name == "small" and out
              and isinstance(out[-1], WithSignature) and out[-1].block is None):
            out[-1].notes.append(item)
        else:
            out.append(item)
    return out


def _keep_headings(story: list[object]) -> list[object]:
    out: list[object] = []
    for item in story:
        if _table_like(item):
            lines: list[object] = []
            while out and isinstance(out[-1], Paragraph) and len(lines) < MAX_LINES_UNDER_HEADING:
                lines.insert(0, out.pop())
            first = next((i for i, line in enumerate(lines) if _is_heading(line)), len(lines))
            out += lines[:first]
            heads = lines[first:]
            out.append(Headed(heads, item) if heads else item)
        else:
            out.append(item)
    return out
