"""The stacked bar chart of the overview, drawn on the server as SVG: no script, readable printed, and its figures
also in the data table beside it.

One group per half-year, two horizontal bars in it (planned, actual), each stacked by payer, its total written at
its end and every segment titled with its payer and amount (a tooltip, and text a screen reader can reach). Bars
are horizontal so that long amounts and half-year names fit a phone's width. Positions are computed in whole
tenths of a unit from the integer cents (no float), each segment from the running total, so that rounding never
adds up along a bar. This module only measures; ``templates/funding/_chart.html`` draws.
"""

from dataclasses import dataclass, field

from app.core.i18n import _, pgettext
from app.funding.money import euros
from app.funding.overview import PeriodSpend

# The site's palette (app/static/css/spoc.css), the first colours as far apart as it allows; every segment is
# outlined in the ink colour besides, so that light ones stand out from the page. "Not yet funded" is the neutral
# line grey.
PALETTE = ("#163e72", "#ffbf47", "#17462a", "#8a1111", "#b07d00", "#4a2380", "#e5f3e8", "#0b4ea2")
UNFUNDED = "#c9ced6"

# Narrow, so that on a phone the drawing is scaled down little and its text stays readable.
WIDTH = 380
LABEL_X = 0
BAR_X = 72
BAR_MAX = 190  # the longest bar; its total is written after it, in the room left to the right
HEADING = 22
BAR_HEIGHT = 20
BAR_GAP = 6
GROUP_GAP = 10


def _units(tenths: int) -> str:
    """Tenths of a unit as an SVG coordinate ("123.4")."""
    return f"{tenths // 10}.{tenths % 10}"


@dataclass
class Segment:
    x: str
    width: str
    colour: str
    title: str


@dataclass
class Bar:
    label: str
    y: int
    total: str
    total_x: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Group:
    heading: str
    y: int
    bars: list[Bar]


@dataclass
class LegendItem:
    label: str
    colour: str
    y: int


@dataclass
class Chart:
    title: str
    height: int
    groups: list[Group]
    legend: list[LegendItem]
    width: int = WIDTH
    bar_x: int = BAR_X
    bar_height: int = BAR_HEIGHT
    label_x: int = LABEL_X

    @property
    def empty(self) -> bool:
        return not self.legend


def payer_label(source: object | None) -> str:
    return str(source) if source is not None else _("Not yet funded")


def spend_chart(spends: list[PeriodSpend], labels: dict[object, str]) -> Chart:
    """The chart of ``spends`` (oldest first); ``labels`` names each period by its key."""
    payers: list[object | None] = []
    for period in spends:
        for row in period.rows:
            if row.source not in payers:
                payers.append(row.source)
    funded = sorted((p for p in payers if p is not None), key=lambda s: (s.position, s.id))  # type: ignore[attr-defined]
    order = [*funded, *([None] if None in payers else [])]
    colours = {p: (PALETTE[n % len(PALETTE)] if p is not None else UNFUNDED) for n, p in enumerate(order)}
    scale = max([1, *(s.planned for s in spends), *(s.actual for s in spends)])
    groups = []
    y = 4
    for period in spends:
        bars = []
        bar_y = y + HEADING
        for label, amount in ((pgettext("funding overview", "Planned"), "planned"),
                              (pgettext("funding overview", "Actual"), "actual")):
            bar = Bar(label, bar_y, euros(getattr(period, amount)), "")
            running = 0
            for row in period.rows:
                cents = getattr(row, amount)
                if not cents:
                    continue
                start = BAR_MAX * 10 * running // scale
                running += cents
                end = BAR_MAX * 10 * running // scale
                title = _("%(source)s: %(amount)s", source=payer_label(row.source), amount=euros(cents))
                bar.segments.append(Segment(_units(BAR_X * 10 + start), _units(max(end - start, 1)),
                                            colours[row.source], title))
            bar.total_x = _units(BAR_X * 10 + BAR_MAX * 10 * running // scale + 50)
            bars.append(bar)
            bar_y += BAR_HEIGHT + BAR_GAP
        groups.append(Group(labels[period.period.key], y, bars))
        y = bar_y + GROUP_GAP
    # The legend is HTML below the picture, so a long source name wraps instead of being cut at the edge.
    legend = [LegendItem(payer_label(payer), colours[payer], 0) for payer in order]
    return Chart(_("Planned and actual spend per half-year, by funding source"), y + 4, groups, legend)
