"""The two questionnaires, declared as data: one round mechanism serves both.

A questionnaire asks the same questions about each *subject* of an answer: a partner Member State the answering
country worked with (cooperation), or a topic of the SPOC trade, the roster's expertise areas (training needs).
Each question has an answer type from :data:`ANSWER_TYPES`; its choices, help text and label are translated
(English and French, through the catalogue). A declaration with an unknown answer type, a choice question without
choices or a question named twice is refused when the module is imported, so a typo never reaches a form.

:meth:`Question.clean` turns a submitted value into the stored one or raises :class:`AnswerError` with the message
to show next to the field: the forms and the services use it, so an unknown band or channel is refused the same way
whichever page sent it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.i18n import _, _l
from app.obstacles.models import KINDS as OBSTACLE_KINDS
from app.roster.vocabulary import EXPERTISE_AREAS, LANGUAGES

# choice: one of ``choices``; choices: any of them; scale: a whole number from 1 to 5; count: a whole number from
# 0 to 100,000; text: free text up to 2,000 characters.
ANSWER_TYPES = frozenset({"choice", "choices", "scale", "count", "text"})
MAX_COUNT = 100_000
MAX_TEXT = 2_000


class AnswerError(ValueError):
    """What is wrong with one answer, in the reader's language."""


@dataclass(frozen=True)
class Question:
    name: str
    label: Any  # lazy string
    type: str
    help: Any = ""
    choices: Mapping[str, Any] = field(default_factory=dict)  # code -> lazy label, in display order
    required: bool = False

    def __post_init__(self) -> None:
        if self.type not in ANSWER_TYPES:
            raise ValueError(f"question {self.name!r}: unknown answer type {self.type!r} "
                             f"(known: {', '.join(sorted(ANSWER_TYPES))})")
        if self.type in ("choice", "choices") and not self.choices:
            raise ValueError(f"question {self.name!r}: a {self.type} question needs choices")

    def choice_label(self, code: str) -> str:
        return str(self.choices.get(code, code))

    def clean(self, raw: Any) -> Any:
        """The stored value of a submitted answer (None when left empty). Raises :class:`AnswerError`."""
        values = [v for v in (raw if isinstance(raw, list | tuple) else [raw]) if v not in (None, "")]
        values = [str(v).strip() for v in values]
        if not values:
            if self.required:
                raise AnswerError(_("Answer this question."))
            return [] if self.type == "choices" else None
        if self.type == "choices":
            unknown = [v for v in values if v not in self.choices]
            if unknown:
                raise AnswerError(_("“%(value)s” is not one of the choices.", value=unknown[0][:40]))
            return [code for code in self.choices if code in values]  # declared order, no duplicates
        value = values[0]
        if self.type == "choice":
            if value not in self.choices:
                raise AnswerError(_("“%(value)s” is not one of the choices.", value=value[:40]))
            return value
        if self.type in ("scale", "count"):
            low, high = (1, 5) if self.type == "scale" else (0, MAX_COUNT)
            if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
                raise AnswerError(_("Give a whole number from %(low)s to %(high)s.", low=low, high=high))
            return int(value)
        if len(value) > MAX_TEXT:
            raise AnswerError(_("At most %(max)s characters.", max=MAX_TEXT))
        return value


@dataclass(frozen=True)
class Questionnaire:
    name: str  # stored on the round
    title: Any
    subject: str  # "partner" (a Member State) or "topic" (an expertise area)
    subject_label: Any
    questions: tuple[Question, ...]
    intro: Any = ""

    def __post_init__(self) -> None:
        if self.subject not in ("partner", "topic"):
            raise ValueError(f"questionnaire {self.name!r}: unknown subject {self.subject!r}")
        names = [q.name for q in self.questions]
        if len(names) != len(set(names)):
            raise ValueError(f"questionnaire {self.name!r}: a question is named twice")

    def question(self, name: str) -> Question:
        return next(q for q in self.questions if q.name == name)

    def clean(self, raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """The stored values of one subject's answers and the message of each question refused."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for q in self.questions:
            try:
                values[q.name] = q.clean(raw.get(q.name))
            except AnswerError as error:
                errors[q.name] = str(error)
        return values, errors


VOLUME_BANDS = {"1-10": _l("1 to 10"), "11-50": _l("11 to 50"), "51-200": _l("51 to 200"),
                "201-1000": _l("201 to 1,000"), "1000+": _l("more than 1,000")}
URGENT_TIME_BANDS = {"4h": _l("within 4 hours"), "24h": _l("4 to 24 hours"), "3d": _l("1 to 3 days"),
                     "7d": _l("3 to 7 days"), "7d+": _l("more than 7 days")}
NORMAL_TIME_BANDS = {"3d": _l("within 3 days"), "7d": _l("3 to 7 days"), "14d": _l("1 to 2 weeks"),
                     "30d": _l("2 weeks to a month"), "30d+": _l("more than a month")}
CHANNELS = {"siena": "SIENA", "sirene": "SIRENE", "interpol": "INTERPOL (I-24/7)",
            "liaison": _l("Bilateral liaison officers"), "other": _l("Other")}
LEVELS = {"none": _l("No trained staff"), "basic": _l("Basic"), "intermediate": _l("Intermediate"),
          "advanced": _l("Advanced")}
PRIORITIES = {"low": _l("Low"), "medium": _l("Medium"), "high": _l("High")}
FORMATS = {"residential": _l("Residential course"), "online": _l("Online course"), "blended": _l("Blended"),
           "exchange": _l("Exchange of staff")}
TRAINING_LANGUAGES = {code: LANGUAGES[code] for code in ("en", "fr", "de", "es", "it")}

COOPERATION = Questionnaire(
    "cooperation", _l("Cooperation between the SPOCs"), "partner", _l("Partner Member State"),
    (
        Question("requests_sent", _l("Requests sent to this country"), "choice",
                 _l("How many requests your SPOC sent this partner during the year."), VOLUME_BANDS, required=True),
        Question("requests_received", _l("Requests received from this country"), "choice",
                 _l("How many requests your SPOC received from this partner during the year."), VOLUME_BANDS,
                 required=True),
        Question("urgent_time", _l("Typical answer time to urgent requests"), "choice",
                 _l("How long this partner usually took to answer your urgent requests."), URGENT_TIME_BANDS),
        Question("normal_time", _l("Typical answer time to other requests"), "choice",
                 _l("How long this partner usually took to answer your non-urgent requests."), NORMAL_TIME_BANDS),
        Question("quality", _l("Quality of the answers"), "scale",
                 _l("From 1 (unusable) to 5 (complete and usable at once)."), required=True),
        Question("channels", _l("Channels used"), "choices", _l("Every channel you used with this partner."),
                 CHANNELS),
        Question("difficulties", _l("Main difficulties"), "choices",
                 _l("The kinds of obstacle you met; each can become an obstacle report."), OBSTACLE_KINDS),
        Question("comment", _l("Comment"), "text", _l("Anything the figures do not say. No case data.")),
    ),
    _l("For each Member State your SPOC worked with during the year. Leave out the partners you did not work "
       "with: they are not scored."),
)

TRAINING_NEEDS = Questionnaire(
    "training_needs", _l("Training needs of SPOC staff"), "topic", _l("Topic"),
    (
        Question("level", _l("Current level of your staff"), "choice", "", LEVELS, required=True),
        Question("priority", _l("Priority"), "choice", "", PRIORITIES, required=True),
        Question("staff", _l("Number of staff to train"), "count", _l("People, in the coming year."),
                 required=True),
        Question("format", _l("Preferred format"), "choice", "", FORMATS),
        Question("language", _l("Preferred language"), "choice", "", TRAINING_LANGUAGES),
    ),
    _l("For each topic of the SPOC trade your staff need training in. Leave out the topics with no need."),
)

QUESTIONNAIRES: dict[str, Questionnaire] = {q.name: q for q in (COOPERATION, TRAINING_NEEDS)}
TOPICS = EXPERTISE_AREAS  # the subjects of the training-needs questionnaire


def questionnaire(name: str) -> Questionnaire:
    return QUESTIONNAIRES[name]


def labels(question: Question, codes: Iterable[str]) -> list[str]:
    return [question.choice_label(c) for c in codes]
