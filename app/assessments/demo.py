"""Invented demo assessments: two closed cooperation rounds (the two years before this one), a closed
training-needs round (last year) and this year's cooperation round still open, with drafts and submitted answers.

The figures are made up but deterministic (arithmetic on the countries' positions, no random numbers), varied so
the matrix, the indicators and their change over a year look like a real network's: large countries exchange
more, some partners answer faster and better, a few improve. Malta, Cyprus and Luxembourg are rated by fewer than
three countries in the newest closed round, so the results show "not enough answers" for them.
"""

from datetime import UTC, date, datetime, time, timedelta
from math import gcd
from typing import Any

from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
from app.assessments.questionnaires import CHANNELS, COOPERATION, TOPICS, TRAINING_NEEDS, Questionnaire
from app.core import audit
from app.core.timezones import today
from app.extensions import db
from app.network.reference import MEMBER_STATES

CODES = [code for code, _name in MEMBER_STATES]
LARGE = ("DE", "FR", "IT", "ES", "PL", "NL")  # exchange the most requests
RARE = ("MT", "CY", "LU")  # few countries work with them: "not enough answers" in the newest round
# year offset -> the countries of RARE each rater adds (by rater), so MT and LU get 2 ratings, CY 1 in the newest
# closed round, and LU 3 (enough) the year before.
RARE_RATINGS = {2: {"IT": ("MT", "LU"), "GR": ("LU",), "FR": ("LU", "CY")},
                1: {"IT": ("MT", "LU"), "GR": ("MT", "CY"), "BE": ("LU",)}}
VOLUMES = ["1-10", "11-50", "51-200", "201-1000", "1000+"]
URGENT = ["4h", "24h", "3d", "7d", "7d+"]
NORMAL = ["3d", "7d", "14d", "30d", "30d+"]
CHANNEL_CODES = list(CHANNELS)
KIND_CODES = ["legal", "operational", "technical", "linguistic", "organisational"]
COMMENTS = {  # (rater, partner): what a country says of one partner (not translated: demo data)
    ("IT", "FR"): "Urgent answers are fast by day; at night requests wait for the interpreter.",
    ("IE", "PT"): "Requests in English are often answered in Portuguese first.",
    ("DE", "NL"): "Very good cooperation; data older than a year is often no longer available.",
    ("PL", "LT"): "The same case sometimes arrives through SIENA and SIRENE.",
    ("ES", "IT"): "Regional forces contact us directly; answers do not always reach the SPOC.",
    ("FR", "BE"): "Liaison officers solve most questions the same day.",
}


def _answering(offset: int) -> list[str]:
    """About 20 answering countries, a different few missing each year (never a demo Head's country)."""
    missing = {2: ("BG", "HR", "CY", "CZ", "MT", "SK", "SI"), 1: ("BG", "CY", "DK", "LV", "MT", "RO", "SI")}[offset]
    return [c for c in CODES if c not in missing]


def _partners(rater: str, index: int, offset: int) -> list[str]:
    """5 to 12 partners, walked through the common pool with a step prime to its size (so every one is
    distinct), plus the rare partners this rater works with."""
    pool = [c for c in CODES if c not in RARE and c != rater]
    count = 5 + (index * 3 + offset) % 8
    start, step = (index * 5 + offset * 7) % len(pool), 1 + (index * 4 + offset) % (len(pool) - 1)
    while gcd(step, len(pool)) != 1:
        step += 1
    chosen = [pool[(start + n * step) % len(pool)] for n in range(count)]
    return chosen + list(RARE_RATINGS[offset].get(rater, ()))


def _rating(rater: str, partner: str, offset: int) -> dict[str, Any]:
    """What ``rater`` says of ``partner``: each partner has its own level, that the newer round improves for
    some, and each rater its own severity."""
    p, r = CODES.index(partner), CODES.index(rater)
    level = p % 3 + (1 if offset == 1 and p % 4 == 0 else 0)  # 0 (slow, poor) to 3 (fast, good)
    quality = max(1, min(5, 2 + level + (r % 3 - 1)))
    volume = (2 if partner in LARGE else 0) + (1 if rater in LARGE else 0) + (r + p) % 2
    difficulties = [KIND_CODES[(r + p) % 5]] if quality <= 3 and (r + p) % 3 == 0 else []
    if (rater, partner) in COMMENTS:
        difficulties = difficulties or [KIND_CODES[(r + p) % 5]]
    return {
        "requests_sent": VOLUMES[min(volume, 4)], "requests_received": VOLUMES[min(max(volume - (p % 2), 0), 4)],
        "urgent_time": URGENT[max(0, 3 - level)], "normal_time": NORMAL[max(0, 3 - level + (r % 2))],
        "quality": quality,
        "channels": [c for n, c in enumerate(CHANNEL_CODES) if n == 0 or (r + p + n) % 3 == 0],
        "difficulties": difficulties, "comment": COMMENTS.get((rater, partner), ""),
    }


def _round(actor: Any, questionnaire: str, year: int, deadline: date, *, closed: bool,
           note: str = "") -> AssessmentRound:
    opened = datetime.combine(deadline - timedelta(days=60), time(9), tzinfo=UTC)
    round_ = AssessmentRound(questionnaire=questionnaire, year=year, deadline=deadline, note=note,
                             opened_by_id=actor.id, opened_at=opened, status="open")
    db.session.add(round_)
    audit.record(actor, round_, "open_round", to_state="open")
    if closed:
        round_.status, round_.closed_at = "closed", datetime.combine(deadline + timedelta(days=3), time(17), UTC)
        audit.record(actor, round_, "close", from_state="open", to_state="closed")
    return round_


def _answer(round_: AssessmentRound, organisation: Any, rows: list[AssessmentRow], head: Any | None, *,
            submitted: bool) -> AssessmentAnswer:
    answer = AssessmentAnswer(round=round_, organisation=organisation, rows=rows,
                              updated_by_id=head.id if head else None)
    db.session.add(answer)
    audit.record(head, answer, "save_draft", to_state="draft")
    if submitted:
        answer.status, answer.submitted_by_id = "submitted", head.id if head else None
        # Five days before the deadline, or yesterday for a round still open: never a date to come.
        day = min(round_.deadline - timedelta(days=5), today() - timedelta(days=1))
        answer.submitted_at = datetime.combine(day, time(11), UTC)
        audit.record(head, answer, "submit_answer", from_state="draft", to_state="submitted")
    return answer


def _cleaned(form: Questionnaire, raw: dict[str, Any]) -> dict[str, Any]:
    """The values as the answer form stores them (an empty comment is None), refusing a typo in the demo."""
    values, errors = form.clean({k: str(v) if isinstance(v, int) else v for k, v in raw.items()})
    if errors:
        raise ValueError(f"demo answer refused: {errors}")
    return values


def _heads(users: dict[str, Any]) -> dict[str, Any]:
    return {u.organisation.code: u for email, u in users.items() if email.startswith("head.")}


def _cooperation(users: dict[str, Any], organisations: dict[str, Any], offset: int, *, closed: bool,
                 answering: list[str], submitted: set[str] | None = None) -> AssessmentRound:
    year = today().year - offset
    deadline = date(year + 1, 1, 31) if offset == 0 else date(year + 1, 2, 28)
    if offset == 0:  # this year's round: open until the end of January, or six weeks from today
        deadline = max(deadline, today() + timedelta(days=42))
    round_ = _round(users["admin@example.org"], "cooperation", year, deadline, closed=closed,
                    note="Rate only the partners your SPOC worked with this year.")
    heads = _heads(users)
    rating_offset = offset or 1  # the open round's answers look like last year's
    for code in answering:
        rows = [AssessmentRow(partner=organisations[p], values=_cleaned(COOPERATION, _rating(code, p, rating_offset)))
                for p in _partners(code, CODES.index(code), rating_offset)]
        _answer(round_, organisations[code], rows, heads.get(code),
                submitted=closed or code in (submitted or set()))
    return round_


# (country, {topic: (level, priority, staff, format, language)}): last year's training needs.
NEEDS: list[tuple[str, dict[str, tuple[str, str, int, str, str]]]] = [
    ("IT", {"channels": ("basic", "high", 12, "residential", "en"),
            "languages": ("basic", "medium", 8, "online", "fr")}),
    ("IE", {"channels": ("intermediate", "medium", 4, "online", "en"),
            "data_protection": ("basic", "high", 3, "blended", "en")}),
    ("DE", {"case_management": ("intermediate", "low", 10, "online", "de"),
            "legal_framework": ("advanced", "low", 5, "online", "de")}),
    ("FR", {"channels": ("basic", "high", 15, "residential", "fr"),
            "data_protection": ("intermediate", "medium", 6, "online", "fr")}),
    ("PL", {"spoc_operations": ("none", "high", 9, "exchange", "en"),
            "channels": ("basic", "high", 7, "blended", "en")}),
    ("ES", {"languages": ("basic", "high", 11, "online", "en"),
            "training_design": ("none", "medium", 2, "residential", "es")}),
    ("PT", {"languages": ("none", "high", 6, "blended", "en"), "channels": ("basic", "medium", 5, "online", "en")}),
    ("RO", {"spoc_operations": ("basic", "high", 8, "exchange", "en"),
            "legal_framework": ("basic", "medium", 4, "online", "en")}),
    ("GR", {"channels": ("basic", "high", 6, "residential", "en"),
            "languages": ("basic", "medium", 5, "online", "en")}),
    ("NL", {"data_protection": ("advanced", "low", 2, "online", "en")}),
    ("BE", {"legal_framework": ("intermediate", "medium", 3, "online", "fr"),
            "case_management": ("basic", "medium", 4, "blended", "fr")}),
    ("AT", {"case_management": ("basic", "high", 5, "residential", "de")}),
    ("SE", {"training_design": ("basic", "low", 2, "online", "en"),
            "data_protection": ("basic", "medium", 3, "online", "en")}),
    ("LT", {"spoc_operations": ("basic", "medium", 4, "exchange", "en"),
            "channels": ("none", "high", 5, "residential", "en")}),
    ("HU", {"languages": ("none", "high", 7, "online", "en"),
            "spoc_operations": ("basic", "medium", 3, "exchange", "en")}),
]


def _training_needs(users: dict[str, Any], organisations: dict[str, Any]) -> AssessmentRound:
    year = today().year - 1
    round_ = _round(users["head.ie@example.org"], "training_needs", year, date(year, 11, 30), closed=True,
                    note="Needs for the coming year's training programme.")
    heads = _heads(users)
    keys = ("level", "priority", "staff", "format", "language")
    for code, needs in NEEDS:
        rows = [AssessmentRow(topic=topic, values=_cleaned(TRAINING_NEEDS, dict(zip(keys, need, strict=True))))
                for topic, need in needs.items() if topic in TOPICS]
        _answer(round_, organisations[code], rows, heads.get(code), submitted=True)
    return round_


def load_demo(users: dict[str, Any], organisations: dict[str, Any]) -> None:
    _cooperation(users, organisations, 2, closed=True, answering=_answering(2))
    _cooperation(users, organisations, 1, closed=True, answering=_answering(1))
    _training_needs(users, organisations)
    # This year's round: Ireland, Poland and Germany submitted; Italy, France and Spain are writing their drafts.
    _cooperation(users, organisations, 0, closed=False, answering=["IE", "PL", "DE", "IT", "FR", "ES"],
                 submitted={"IE", "PL", "DE"})
    db.session.flush()
