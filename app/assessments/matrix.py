"""The cooperation matrix as the reader may see it: the text of every cell, its colour, the legend, and the same
grid drawn as a picture (PNG, for the Word report). The page draws it as SVG from the same :class:`Matrix`
(:func:`matrix_svg`), so the picture and the data table beside it cannot disagree.

What a cell shows (row A, the asking country; column B, the answering country; see app/assessments/results.py):

- ``volume`` (everyone): the band of the requests A sent B, in text ("11-50") and as a colour, darker for more;
  in the viewer's own row, also the viewer's own quality rating of B ("11-50 · 4/5"), since it is their own answer.
- ``quality`` (administrators only, the views check it): A's quality rating of B, 1 to 5, darker for better.
- "–" where A did not submit, or left B out (did not work with it); the diagonal is empty (no pair).

A single country's rating of another is therefore never in a third country's view.
"""

import io
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from app.assessments.questionnaires import VOLUME_BANDS
from app.assessments.results import Results
from app.core.i18n import _, format_number
from app.network.services import Ref

MODES = ("volume", "quality")
# Light to dark blue; ink chosen per step so every text keeps a 4.5:1 contrast (WCAG AA).
PALETTE = ("#eef4fb", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
INKS = ("#1b1f24", "#1b1f24", "#1b1f24", "#ffffff", "#ffffff")
EMPTY_FILL, EMPTY_INK, SELF_FILL = "#ffffff", "#4d5560", "#d9d9d9"
NONE = "–"
# The picture's geometry, in pixels (SVG user units too).
CELL_W, CELL_H, HEAD = 46, 30, 40


@dataclass
class Cell:
    text: str  # what the cell shows
    label: str  # the same said in full (the cell's title, the data table's reading)
    level: int  # 0: nothing; 1-5: the colour step; -1: the diagonal
    extra: str = ""  # the second line (the viewer's own rating)

    @property
    def fill(self) -> str:
        return SELF_FILL if self.level < 0 else EMPTY_FILL if self.level == 0 else PALETTE[self.level - 1]

    @property
    def ink(self) -> str:
        return EMPTY_INK if self.level <= 0 else INKS[self.level - 1]


@dataclass
class Matrix:
    mode: str
    year: int
    states: tuple[Ref, ...]
    rows: list[tuple[Ref, list[Cell]]]
    legend: list[tuple[str, str, str]]  # (fill, short text, meaning)
    own_id: int | None  # the viewer's country, whose row carries its own ratings

    @property
    def caption(self) -> str:
        if self.mode == "quality":
            return _("Cooperation matrix %(year)s: the quality of the answers each Member State (row) rated each "
                     "partner (column), 1 to 5", year=self.year)
        return _("Cooperation matrix %(year)s: the requests each Member State (row) sent each partner (column)",
                 year=self.year)

    @property
    def width(self) -> int:
        return HEAD + CELL_W * len(self.states)

    @property
    def height(self) -> int:
        return HEAD + CELL_H * len(self.states)

    def heads(self) -> list[dict[str, Any]]:
        """Each country's code above its column (x) and before its row (y); ``top``: its row's upper edge."""
        return [{"code": s.code, "x": HEAD + i * CELL_W + CELL_W // 2, "y": HEAD + i * CELL_H + CELL_H // 2,
                 "top": HEAD + i * CELL_H, "own": s.id == self.own_id} for i, s in enumerate(self.states)]

    def geometry(self) -> list[dict[str, Any]]:
        """Every cell's place in the picture, with its colours and its text lines."""
        cells = []
        for r, (_state, row) in enumerate(self.rows):
            for c, cell in enumerate(row):
                cells.append({"x": HEAD + c * CELL_W, "y": HEAD + r * CELL_H, "cell": cell,
                              "cx": HEAD + c * CELL_W + CELL_W // 2, "cy": HEAD + r * CELL_H + CELL_H // 2})
        return cells


def short_band(code: str | None) -> str:
    return code if code in VOLUME_BANDS else NONE


def build_matrix(results: Results, mode: str = "volume", viewer_org_id: int | None = None) -> Matrix:
    """The matrix of ``results`` as a viewer of ``viewer_org_id`` sees it (``mode`` "quality": administrators)."""
    states = results.states
    rows = []
    for asking in states:
        line = []
        for answering in states:
            if asking.id == answering.id:
                line.append(Cell("", _("%(country)s (same country)", country=asking.name), -1))
                continue
            values = results.cells.get((asking.id, answering.id))
            pair = _("%(asking)s to %(answering)s", asking=asking.name, answering=answering.name)
            if values is None:
                reason = (_("did not answer") if asking.id not in results.answered
                          else _("did not work together"))
                line.append(Cell(NONE, f"{pair}: {reason}", 0))
                continue
            quality = values.get("quality")
            if mode == "quality":
                level = quality if isinstance(quality, int) and 1 <= quality <= 5 else 0
                line.append(Cell(str(quality) if level else NONE,
                                 _("%(pair)s: quality %(quality)s of 5", pair=pair, quality=quality), level))
                continue
            band = values.get("requests_sent")
            level = list(VOLUME_BANDS).index(band) + 1 if band in VOLUME_BANDS else 0
            label = _("%(pair)s: %(band)s requests", pair=pair,
                      band=VOLUME_BANDS[band] if band in VOLUME_BANDS else NONE)
            cell = Cell(short_band(band), label, level)
            if viewer_org_id == asking.id and quality is not None:
                cell.extra = f"{quality}/5"
                cell.label = _("%(label)s; your quality rating %(quality)s of 5", label=label, quality=quality)
            line.append(cell)
        rows.append((asking, line))
    if mode == "quality":
        legend = [(PALETTE[i], str(i + 1), _("quality %(score)s of 5", score=i + 1)) for i in range(5)]
    else:
        legend = [(PALETTE[i], code, str(label)) for i, (code, label) in enumerate(VOLUME_BANDS.items())]
    legend.append((EMPTY_FILL, NONE, _("not worked with, or no answer")))
    own = viewer_org_id if mode == "volume" and any(s.id == viewer_org_id for s in states) else None
    return Matrix(mode, results.round.year, states, rows, legend, own)


def matrix_svg(matrix: Matrix) -> Markup:
    """The matrix as an SVG picture with the text of every cell, its own row outlined. Built here rather than in a
    template, with f-strings: 729 cells are drawn many times faster. Every text goes through ``escape``; the rest
    are our own numbers and colours. Screen readers get its title, and the figures in the data table beside it."""
    note = _("The same figures are in the table below.")
    title = escape(f"{matrix.caption}. {note}")
    w, h, mode = matrix.width, matrix.height, matrix.mode
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="matrix-svg" width="{w}" height="{h}" '
             f'viewBox="0 0 {w} {h}" role="img" aria-labelledby="matrix-title-{mode}" font-family="sans-serif">'
             f'<title id="matrix-title-{mode}">{title}</title>']
    label = '<text x="{}" y="{}" text-anchor="middle" font-size="11" font-weight="bold" fill="#1b1f24">{}</text>'
    text = '<text x="{}" y="{}" text-anchor="middle" font-size="10" fill="{}">{}</text>'
    for head in matrix.heads():
        code = escape(head["code"])
        parts.append(label.format(head["x"], HEAD // 2 + 4, code) + label.format(HEAD // 2, head["y"] + 4, code))
    for place in matrix.geometry():
        cell: Cell = place["cell"]
        x, y, cx, cy = place["x"], place["y"], place["cx"], place["cy"]
        parts.append(f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{cell.fill}" '
                     f'stroke="#c9ced6"/>')
        if cell.extra:
            parts.append(text.format(cx, cy - 3, cell.ink, escape(cell.text))
                         + text.format(cx, cy + 9, cell.ink, escape(cell.extra)))
        elif cell.text:
            parts.append(text.format(cx, cy + 4, cell.ink, escape(cell.text)))
    for head in matrix.heads():
        if head["own"]:
            parts.append(f'<rect x="{HEAD}" y="{head["top"]}" width="{w - HEAD}" height="{CELL_H}" fill="none" '
                         f'stroke="#1b1f24" stroke-width="2"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  # nosec B704 - every text escaped above


def matrix_png(matrix: Matrix) -> bytes:
    """The matrix drawn as a PNG with the text of every cell (the Word report's picture)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = 2  # drawn at twice the size, so the picture stays sharp when Word fits it to the page
    image = Image.new("RGB", (matrix.width * scale, matrix.height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=10 * scale)
    bold = ImageFont.load_default(size=11 * scale)
    for i, state in enumerate(matrix.states):
        draw.text(((HEAD + i * CELL_W + CELL_W / 2) * scale, HEAD / 2 * scale), state.code, fill="#1b1f24",
                  font=bold, anchor="mm")
        draw.text((HEAD / 2 * scale, (HEAD + i * CELL_H + CELL_H / 2) * scale), state.code, fill="#1b1f24",
                  font=bold, anchor="mm")
    for place in matrix.geometry():
        cell: Cell = place["cell"]
        box = [place["x"] * scale, place["y"] * scale, (place["x"] + CELL_W) * scale - 1,
               (place["y"] + CELL_H) * scale - 1]
        draw.rectangle(box, fill=cell.fill, outline="#c9ced6")
        if cell.extra:
            draw.text((place["cx"] * scale, (place["cy"] - 6) * scale), cell.text, fill=cell.ink, font=font,
                      anchor="mm")
            draw.text((place["cx"] * scale, (place["cy"] + 7) * scale), cell.extra, fill=cell.ink, font=font,
                      anchor="mm")
        elif cell.text:
            draw.text((place["cx"] * scale, place["cy"] * scale), cell.text, fill=cell.ink, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def sparkline(trend: list[tuple[int, float | None]], width: int = 90, height: int = 24) -> dict[str, Any]:
    """A small line of the median quality over the years: its segments (a year without enough answers breaks
    the line), its dots and its text alternative."""
    step = width / max(len(trend) - 1, 1)
    segments: list[list[str]] = [[]]
    dots = []
    for i, (_year, value) in enumerate(trend):
        if value is None:
            if segments[-1]:
                segments.append([])
            continue
        x, y = round(i * step, 1), round(height - 2 - (value - 1) / 4 * (height - 4), 1)
        segments[-1].append(f"{x},{y}")
        dots.append((x, y))
    text = "; ".join(f"{year}: {format_number(value) if value is not None else _('not enough answers')}"
                     for year, value in trend)
    return {"width": width, "height": height, "lines": [" ".join(s) for s in segments if len(s) > 1],
            "dots": dots, "text": _("Median quality by year: %(values)s", values=text)}
