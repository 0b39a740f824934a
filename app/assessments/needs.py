"""Training needs per topic: what the countries' SUBMITTED answers to a closed training-needs round add up to.

A need is a country's own statement about its own staff, not a rating of another country: so, unlike the
cooperation results, the countries are named per topic (the three-country rule protects ratings of others;
here a country is better served when the trainers know who to invite). Drafts and the answers of an open round
are never counted.

Everything is read in a fixed number of queries whatever the number of countries or topics: the round (one),
its rows with their countries (one), the training activities planned for those topics (one).
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
from app.assessments.questionnaires import TOPICS, TRAINING_NEEDS
from app.core.timezones import today
from app.extensions import db
from app.network.models import Organisation
from app.roster.models import TrainingActivity

PRIORITY_ORDER = ("high", "medium", "low")  # the order the page and the exports show them in
PLANNED_STATES = ("proposed", "planned")  # training activities still to come that can answer a need


@dataclass
class TopicNeeds:
    """The needs of every country that answered for one topic."""

    topic: str
    countries: list[tuple[str, str]] = field(default_factory=list)  # (country name, priority), by name
    countries_by_priority: Counter = field(default_factory=Counter)  # priority -> countries
    staff_by_priority: Counter = field(default_factory=Counter)  # priority -> staff to train
    levels: Counter = field(default_factory=Counter)  # level -> countries
    formats: Counter = field(default_factory=Counter)  # preferred format -> countries
    languages: Counter = field(default_factory=Counter)  # preferred language -> countries
    trainings: list[TrainingActivity] = field(default_factory=list)  # planned activities for the topic

    @property
    def label(self) -> str:
        return str(TOPICS.get(self.topic, self.topic))

    @property
    def country_count(self) -> int:
        return len(self.countries)

    @property
    def staff(self) -> int:
        return sum(self.staff_by_priority.values())

    def sort_key(self) -> tuple[Any, ...]:
        """Most high-priority countries first, then medium, low, then the most staff to train."""
        return (*(-self.countries_by_priority[p] for p in PRIORITY_ORDER), -self.staff, self.label)

    def counted(self, question: str) -> list[tuple[str, int]]:
        """(label, countries) of the answers to ``question`` (levels, formats, languages), most frequent first,
        in the questionnaire's order between equals."""
        counter = {"level": self.levels, "format": self.formats, "language": self.languages}[question]
        declared = list(TRAINING_NEEDS.question(question).choices)
        codes = sorted(counter, key=lambda code: (-counter[code], declared.index(code) if code in declared else 99))
        return [(TRAINING_NEEDS.question(question).choice_label(code), counter[code]) for code in codes]


@dataclass
class NeedsSummary:
    round: AssessmentRound | None
    topics: list[TopicNeeds]  # sorted by priority, then staff

    @property
    def country_count(self) -> int:
        """Countries that stated at least one need."""
        return len({name for topic in self.topics for name, _ in topic.countries})

    def topic(self, code: str) -> TopicNeeds | None:
        return next((t for t in self.topics if t.topic == code), None)


def newest_closed_round() -> AssessmentRound | None:
    return db.session.scalar(
        db.select(AssessmentRound)
        .where(AssessmentRound.questionnaire == "training_needs", AssessmentRound.status == "closed")
        .order_by(AssessmentRound.year.desc(), AssessmentRound.id.desc()).limit(1))


def aggregate(round_: AssessmentRound | None, topics: list[str] | None = None, *,
              with_trainings: bool = True) -> NeedsSummary:
    """The needs of ``round_`` (only its submitted answers) per topic, limited to ``topics`` if given."""
    if round_ is None:
        return NeedsSummary(None, [])
    query = (db.select(AssessmentRow.topic, AssessmentRow.values, Organisation.name)
             .join(AssessmentAnswer, AssessmentRow.answer_id == AssessmentAnswer.id)
             .join(Organisation, AssessmentAnswer.organisation_id == Organisation.id)
             .where(AssessmentAnswer.round_id == round_.id, AssessmentAnswer.status == "submitted",
                    AssessmentRow.topic.is_not(None))
             .order_by(Organisation.name, AssessmentRow.id))
    if topics is not None:
        query = query.where(AssessmentRow.topic.in_(topics))
    by_topic: dict[str, TopicNeeds] = {}
    for topic, values, country in db.session.execute(query):
        values = values or {}
        priority = values.get("priority") or "low"
        need = by_topic.setdefault(topic, TopicNeeds(topic))
        need.countries.append((country, priority))
        need.countries_by_priority[priority] += 1
        need.staff_by_priority[priority] += int(values.get("staff") or 0)
        for question, counter in (("level", need.levels), ("format", need.formats), ("language", need.languages)):
            if values.get(question):
                counter[values[question]] += 1
    if with_trainings and by_topic:
        for training in planned_trainings(list(by_topic)):
            for area in training.areas:
                if area in by_topic:
                    by_topic[area].trainings.append(training)
    return NeedsSummary(round_, sorted(by_topic.values(), key=TopicNeeds.sort_key))


def planned_trainings(topics: list[str]) -> list[TrainingActivity]:
    """The upcoming training activities, proposed or planned, whose expertise areas include one of ``topics``
    (one query; areas are stored as ",a,b,")."""
    if not topics:
        return []
    return list(db.session.scalars(
        db.select(TrainingActivity)
        .where(TrainingActivity.status.in_(PLANNED_STATES), TrainingActivity.ends_on >= today(),
               db.or_(*(TrainingActivity.expertise_areas.contains(f",{t},", autoescape=True) for t in topics)))
        .order_by(TrainingActivity.starts_on, TrainingActivity.id)))


def needs_for_training(training: Any) -> NeedsSummary:
    """What the newest closed training-needs round says about the topics of ``training`` (its expertise areas),
    or about every topic when there is no training yet (the planning form): two queries."""
    round_ = newest_closed_round()
    topics = training.areas if training is not None else None
    if topics == []:
        return NeedsSummary(round_, [])
    return aggregate(round_, topics, with_trainings=False)


TEMPLATE_GLOBALS = (needs_for_training,)
