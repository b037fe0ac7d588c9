"""Split a text into tables: runs of tab-containing lines, with the text lines before them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    line: int
    """1-based line number in the source text."""
    cells: list[str]


@dataclass
class Block:
    """One table of the text: the free-text lines since the previous table, then its rows."""

    headings: list[tuple[int, str]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def split_blocks(text: str) -> tuple[list[Block], list[tuple[int, str]]]:
    """The tables of ``text`` and the free-text lines after the last table.

    A blank line ends a table; the heading lines of a table are the non-blank lines without
    tabs that come after the previous table.
    """
    blocks: list[Block] = []
    pending: list[tuple[int, str]] = []
    current: Block | None = None
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if "\t" in line:
            if current is None:
                current = Block(headings=pending)
                pending = []
                blocks.append(current)
            current.rows.append(Row(number, line.split("\t")))
            continue
        current = None
        if line.strip():
            pending.append((number, line))
    return blocks, pending
