"""The results of a closed cooperation round: the matrix of what each country says of its requests to each other,
and the indicators of each Member State, counted from the submitted answers only.

The rules (the results page's notes say the same to its readers):

- **Matrix cell** (row A, the asking country; column B, the answering country): what A's answer says of its
  requests to B: the volume band of the requests A sent B, and A's ratings of B (quality, answer times). "–" where
  A left B out (did not work with it) or did not submit. The volumes are shown to everyone; a single country's
  *rating* of another is never shown to a third country: a Member State sees the ratings in its own row only, an
  administrator may switch the whole matrix to the quality ratings (:mod:`app.assessments.matrix` applies this).
- **Indicators of B**, from the rows OTHER countries wrote about B: the median urgent and non-urgent answer-time
  band and the median quality B's answers received; the requests B received as the median of the bands the others
  reported sending it (a median band, not a sum: the bands are ranges and the top one is open); how many countries
  rated B; whether B itself answered the round. The median of bands is the lower middle one when their number is
  even (a band between two bands does not exist); the median quality is the ordinary median (3.5 may be).
- **Response rate** of the round: the share of the Member States that submitted an answer.
- **Three-country rule**: the figures about B are shown only when at least :data:`MIN_RATERS` countries rated B;
  otherwise "not enough answers", on the page, in the exports and in the report alike (``enough`` is False and
  the figures are None, so no output can show them by mistake).
- **Change since the previous round**: the median quality of the newest closed cooperation round of an earlier
  year, if B had enough ratings there too; the **trend** is the median quality of each closed round up to this one.
- Results exist only for closed rounds (the views answer 403 before; no preview, administrators included).

Speed: every closed cooperation round up to the round's year, their submitted answers and those answers' rows
are read in three statements, whatever the number of countries and rounds; everything else is counted here.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median, median_low
from typing import Any

from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
from app.assessments.questionnaires import NORMAL_TIME_BANDS, URGENT_TIME_BANDS, VOLUME_BANDS
from app.extensions import db
from app.network.services import Ref, member_state_refs

MIN_RATERS = 3  # figures about a country need at least this many countries' ratings of it

FIGURES = ("requests_sent", "urgent_time", "normal_time", "quality")  # the questions the results count
BAND_ORDERS = {"requests_sent": list(VOLUME_BANDS), "urgent_time": list(URGENT_TIME_BANDS),
               "normal_time": list(NORMAL_TIME_BANDS)}


@dataclass
class Indicator:
    """The figures about one Member State in one round (all None unless ``enough``)."""

    country: Ref
    raters: int  # how many countries rated it
    answered: bool  # whether it submitted its own answer
    enough: bool
    urgent_time: str | None = None  # band codes
    normal_time: str | None = None
    volume: str | None = None  # median band of the requests the others sent it
    quality: float | None = None  # median quality received
    previous_quality: float | None = None  # in the previous closed round (None: no round or not enough there)
    trend: list[tuple[int, float | None]] = field(default_factory=list)  # (year, median quality), oldest first

    @property
    def change(self) -> float | None:
        if self.quality is None or self.previous_quality is None:
            return None
        return round(self.quality - self.previous_quality, 2)


@dataclass
class Results:
    round: AssessmentRound
    states: tuple[Ref, ...]
    answered: set[int]  # organisation ids of the Member States that submitted
    cells: dict[tuple[int, int], dict[str, Any]]  # (asking id, answering id) -> the row's values
    answer_ids: dict[int, int]  # organisation id -> its submitted answer's id (administrators' raw answers)
    indicators: list[Indicator]
    previous: AssessmentRound | None
    years: list[int]  # of the closed cooperation rounds up to this one, oldest first

    @property
    def response_rate(self) -> float:
        return len(self.answered) / len(self.states) if self.states else 0.0

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicators if i.country.code == code)


def _median_band(values: list[Any], question: str) -> str | None:
    order = BAND_ORDERS[question]
    ranks = [order.index(v) for v in values if v in order]
    return order[median_low(ranks)] if ranks else None


def _median_quality(values: list[Any]) -> float | None:
    scores = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    return float(median(scores)) if scores else None


def _about(rows: list[tuple[int, int, dict[str, Any]]], states: set[int]) -> dict[int, list[dict[str, Any]]]:
    """The values each Member State received from the other countries: partner id -> list of rows' values."""
    about: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for asking, partner, values in rows:
        # Only the 27 rate in the figures: an associated country's answer is its own, never an EU-27 rating.
        if partner in states and asking in states and asking != partner:
            about[partner].append(values)
    return about


def _quality_of(received: list[dict[str, Any]]) -> float | None:
    return _median_quality([v.get("quality") for v in received]) if len(received) >= MIN_RATERS else None


def build_results(round_: AssessmentRound) -> Results:
    """The matrix and the indicators of ``round_`` (a closed cooperation round), with its history."""
    rounds = list(db.session.scalars(
        db.select(AssessmentRound).where(AssessmentRound.questionnaire == "cooperation",
                                         AssessmentRound.status == "closed",
                                         AssessmentRound.year <= round_.year)
        .order_by(AssessmentRound.year)))
    if round_ not in rounds:  # an open round (the views refuse it before; a caller may still count it)
        rounds.append(round_)
    round_ids = [r.id for r in rounds]
    answers = db.session.execute(
        db.select(AssessmentAnswer.id, AssessmentAnswer.round_id, AssessmentAnswer.organisation_id)
        .where(AssessmentAnswer.round_id.in_(round_ids), AssessmentAnswer.status == "submitted")).all()
    # The four answers the results use, read by the database from the JSON (decoding every row's whole JSON in
    # Python was most of the page's time at 27 countries x 10 rounds).
    rows = db.session.execute(
        db.select(AssessmentAnswer.round_id, AssessmentAnswer.organisation_id, AssessmentRow.partner_id,
                  *(AssessmentRow.values[name].as_string() for name in FIGURES[:-1]),
                  AssessmentRow.values["quality"].as_integer())
        .join(AssessmentRow.answer)
        .where(AssessmentAnswer.round_id.in_(round_ids), AssessmentAnswer.status == "submitted",
               AssessmentRow.partner_id.is_not(None))).all()
    states = member_state_refs()
    state_ids = {s.id for s in states}
    by_round: dict[int, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
    for round_id, asking, partner, *values in rows:
        by_round[round_id].append((asking, partner, dict(zip(FIGURES, values, strict=True))))
    received = {r.id: _about(by_round[r.id], state_ids) for r in rounds}
    earlier = [r for r in rounds if r.year < round_.year]
    previous = earlier[-1] if earlier else None

    answered = {org for _id, rid, org in answers if rid == round_.id and org in state_ids}
    answer_ids = {org: answer_id for answer_id, rid, org in answers if rid == round_.id}
    cells = {(asking, partner): values for asking, partner, values in by_round[round_.id]
             if asking in state_ids and partner in state_ids and asking != partner}
    indicators = []
    for state in states:
        got = received[round_.id].get(state.id, [])
        indicator = Indicator(state, len(got), state.id in answered, len(got) >= MIN_RATERS)
        if indicator.enough:
            indicator.urgent_time = _median_band([v.get("urgent_time") for v in got], "urgent_time")
            indicator.normal_time = _median_band([v.get("normal_time") for v in got], "normal_time")
            indicator.volume = _median_band([v.get("requests_sent") for v in got], "requests_sent")
            indicator.quality = _median_quality([v.get("quality") for v in got])
            if previous is not None:
                indicator.previous_quality = _quality_of(received[previous.id].get(state.id, []))
        indicator.trend = [(r.year, _quality_of(received[r.id].get(state.id, []))) for r in rounds]
        indicators.append(indicator)
    return Results(round_, states, answered, cells, answer_ids, indicators, previous, [r.year for r in rounds])
