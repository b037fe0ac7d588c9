"""Table layout inside the frame: widths from the content, the font floor, column bands, and
page breaks that keep two data rows on each side (ReportLab internals this relies on included)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from apa_desktop.export.pdf.styles import para
from apa_desktop.export.pdf.tables import FONT_STEPS, Rows, grid

WORD = "স্বাস্থ্যসেবা"


def _rows(n_cols: int, n_rows: int = 3, text: str = "সেবা প্রদান") -> Rows:
    head = [para(f"শিরোনাম {c}", "head") for c in range(n_cols)]
    return Rows([head] + [[para(f"{text} {r}", "cell") for _ in range(n_cols)] for r in range(n_rows)])


def test_widths_fill_the_frame_and_no_column_is_narrower_than_its_longest_word():
    rows = _rows(4)
    rows.cells[1][2] = para(f"{WORD}{WORD}{WORD}", "cell")
    (table,) = grid(rows, 500)
    assert abs(sum(table._colWidths) - 500) < 0.01
    assert table._colWidths[2] >= stringWidth(WORD * 3, "APASans", FONT_STEPS[0])


def test_the_font_steps_down_to_the_floor_before_anything_leaves_the_frame():
    rows = _rows(10, text=WORD * 2)
    needed = stringWidth(WORD * 2, "APASans", FONT_STEPS[0]) * 10
    (table,) = grid(rows, needed * FONT_STEPS[-1] / FONT_STEPS[0] + 100)
    assert table._cellvalues[1][0].style.fontSize == FONT_STEPS[-1] == 7.0


def test_a_table_too_wide_even_at_the_floor_is_printed_in_bands_with_its_key_column_repeated():
    rows = _rows(12, text=WORD * 3)
    bands = grid(rows, 400, key=(0,))
    assert len(bands) >= 2
    for band in bands:
        assert sum(band._colWidths) <= 400.01
        assert band._cellvalues[1][0].text == rows.cells[1][0].text  # the key column in every band
    printed = {c.text for band in bands for row in band._cellvalues[:1] for c in row}
    assert printed == {c.text for c in rows.cells[0]}  # every column in some band


def _split_rows(parts: list[Table]) -> list[int]:
    return [len(p._cellvalues) for p in parts]


def test_a_broken_table_keeps_two_data_rows_on_each_side_and_its_total_does_not_count():
    rows = _rows(2, n_rows=30)
    rows.add_total_row("মোট প্রাপ্ত নম্বর: ৩০")
    (table,) = grid(rows, 300)
    _, height = table.wrap(300, 10_000)
    row_height = table._rowHeights[1]
    room = height - table._rowHeights[-1] - row_height / 2  # all but the last data row and the total fit
    plain = Table.split(table, 300, room)
    assert len(plain[1]._cellvalues) - 1 == 2  # a plain table: one data row and the total
    first, rest = table.split(300, room)
    assert len(rest._cellvalues) - 1 - 1 >= 2  # header repeated, total not counted
    assert len(first._cellvalues) + len(rest._cellvalues) - 1 == len(rows.cells)


def test_a_table_with_room_for_only_one_row_moves_whole_to_the_next_page():
    (table,) = grid(_rows(2, n_rows=10), 300)
    table.wrap(300, 10_000)
    assert table.split(300, table._rowHeights[0] + table._rowHeights[1] * 1.5) == []


def test_a_section_row_never_ends_a_page():
    rows = _rows(2, n_rows=0)
    for section in range(3):
        rows.add_section_row(f"{section}. অংশ")
        rows.cells += [[para(f"সারি {section}.{r}", "cell"), para("১", "cell")] for r in range(4)]
    (table,) = grid(rows, 300)
    table.wrap(300, 10_000)
    heights = table._rowHeights
    room = sum(heights[:7]) + 1  # header, section 0 and its 4 rows, section 1's row
    first, _ = table.split(300, room)
    assert len(first._cellvalues) - 1 not in table.section_rows


def test_the_paper_check_finds_a_glyph_and_a_line_beyond_the_printable_margin():
    import io

    from reportlab.pdfgen.canvas import Canvas

    from tests.pdf_checks import off_paper

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 400, "inside")
    canvas.drawString(-5, 300, "cut at the left edge")
    canvas.line(100, 200, 594, 200)
    canvas.showPage()
    canvas.save()
    found = off_paper(buffer.getvalue())
    assert {o.what for o in found} == {"text", "line or rectangle"} and len(found) == 2
