"""The rules of rounds and answers: every change, its audit record, in the caller's transaction.

A country's answer is created by its first draft save (one per country and round: the unique constraint); each save
moves the answer's version (its ``updated_at``/``updated_by`` change), so a save made from an older page is refused
(app/core/concurrency.py) and two members never overwrite each other's work unknowingly.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError

from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
from app.assessments.questionnaires import TOPICS
from app.assessments.workflow import ANSWER_WORKFLOW, ROUND_WORKFLOW
from app.core import audit
from app.core.i18n import _
from app.core.models import utcnow
from app.core.workflow import WrongState
from app.extensions import db
from app.network.models import Organisation


class AnswerConflict(Exception):
    """Another member created or saved the country's answer since the form was loaded."""


def rounds_newest_first() -> list[AssessmentRound]:
    return list(db.session.scalars(db.select(AssessmentRound).order_by(
        AssessmentRound.year.desc(), AssessmentRound.opened_at.desc(), AssessmentRound.id.desc())))


def round_exists(questionnaire: str, year: int) -> bool:
    return db.session.scalar(db.select(AssessmentRound.id).where(
        AssessmentRound.questionnaire == questionnaire, AssessmentRound.year == year)) is not None


def open_round(actor: Any, *, questionnaire: str, year: int, deadline: date, note: str) -> AssessmentRound:
    round_ = AssessmentRound(questionnaire=questionnaire, year=year, deadline=deadline, note=note or "",
                             status="open", opened_by_id=getattr(actor, "id", None))
    db.session.add(round_)
    db.session.flush()
    audit.record(actor, round_, "open_round", to_state="open",
                 changes={"year": [None, year], "deadline": [None, deadline.isoformat()]})
    return round_


def close_round(actor: Any, round_: AssessmentRound) -> None:
    ROUND_WORKFLOW.apply(actor, round_, "close")
    round_.closed_at = utcnow()


def member_state_count() -> int:
    return db.session.scalar(db.select(db.func.count(Organisation.id)).where(Organisation.kind == "member_state"))


def submitted_counts(round_ids: list[int]) -> dict[int, int]:
    """Per round, how many Member States submitted their answer (one query for the list of rounds)."""
    if not round_ids:
        return {}
    rows = db.session.execute(
        db.select(AssessmentAnswer.round_id, db.func.count(AssessmentAnswer.id))
        .join(Organisation, Organisation.id == AssessmentAnswer.organisation_id)
        .where(AssessmentAnswer.round_id.in_(round_ids), AssessmentAnswer.status == "submitted",
               Organisation.kind == "member_state")
        .group_by(AssessmentAnswer.round_id))
    return {round_id: count for round_id, count in rows}


@dataclass
class Progress:
    """Where a round stands: the Member States that submitted, those with a draft, those not started (the 27
    only), and apart, the answers the Schengen-associated countries submitted (never counted among the 27)."""

    total: int
    submitted: list[AssessmentAnswer] = field(default_factory=list)
    drafts: list[AssessmentAnswer] = field(default_factory=list)
    waiting: list[Organisation] = field(default_factory=list)  # no submitted answer (drafts included)
    associated: list[AssessmentAnswer] = field(default_factory=list)  # submitted by associated countries

    @property
    def answered(self) -> int:
        return len(self.submitted)


def progress(round_: AssessmentRound) -> Progress:
    states = list(db.session.scalars(db.select(Organisation).where(Organisation.kind == "member_state")
                                     .order_by(Organisation.name)))
    answers = {a.organisation_id: a for a in db.session.scalars(
        db.select(AssessmentAnswer).where(AssessmentAnswer.round_id == round_.id))}
    result = Progress(total=len(states))
    result.associated = list(db.session.scalars(
        db.select(AssessmentAnswer).join(Organisation, Organisation.id == AssessmentAnswer.organisation_id)
        .where(AssessmentAnswer.round_id == round_.id, AssessmentAnswer.status == "submitted",
               Organisation.kind == "associated").order_by(Organisation.name)))
    for country in states:
        answer = answers.get(country.id)
        if answer is not None and answer.status == "submitted":
            result.submitted.append(answer)
        else:
            result.waiting.append(country)
            if answer is not None:
                result.drafts.append(answer)
    return result


def answer_of(round_: AssessmentRound, organisation_id: int) -> AssessmentAnswer | None:
    return db.session.scalar(db.select(AssessmentAnswer).where(
        AssessmentAnswer.round_id == round_.id, AssessmentAnswer.organisation_id == organisation_id))


def partners_for(organisation_id: int) -> list[Organisation]:
    """The Member States a country may rate: all of them but itself (an associated country rates the 27 too; its
    ratings stay out of the EU-27 figures, app/assessments/results.py)."""
    return list(db.session.scalars(db.select(Organisation).where(
        Organisation.kind == "member_state", Organisation.id != organisation_id).order_by(Organisation.name)))


def subject_key(round_: AssessmentRound) -> str:
    return "partners" if round_.form.subject == "partner" else "topics"


def row_for(answer: AssessmentAnswer | None, subject: Any) -> AssessmentRow | None:
    """The row of ``subject`` (a partner id or a topic code) in ``answer``, if it is filled in."""
    if answer is None:
        return None
    for row in answer.rows:
        if (row.partner_id if row.partner_id is not None else row.topic) == subject:
            return row
    return None


def subject_label(row_or_subject: Any) -> str:
    if isinstance(row_or_subject, AssessmentRow):
        return row_or_subject.partner.name if row_or_subject.partner else str(TOPICS.get(row_or_subject.topic, ""))
    if isinstance(row_or_subject, Organisation):
        return row_or_subject.name
    return str(TOPICS.get(row_or_subject, row_or_subject))


def _subject_code(row: AssessmentRow) -> str:
    return row.partner.code if row.partner else (row.topic or "")


def save_draft(actor: Any, round_: AssessmentRound, answer: AssessmentAnswer | None, subject: Any,
               values: dict[str, Any]) -> AssessmentAnswer:
    """Save one subject's values in the country's draft, creating the answer on the first save.

    ``answer`` is the answer the form was loaded with (None: there was none). If another member created it
    meanwhile, the unique constraint refuses this one: :class:`AnswerConflict`, nothing written."""
    if answer is None:
        answer = AssessmentAnswer(round_id=round_.id, organisation_id=actor.organisation_id, status="draft")
        try:
            with db.session.begin_nested():
                db.session.add(answer)
                db.session.flush()
        except IntegrityError:
            raise AnswerConflict from None
    if answer.status != "draft":
        raise WrongState(_("This answer is submitted: an administrator can reopen it for corrections."))
    row = row_for(answer, subject)
    if row is None:
        row = AssessmentRow(partner_id=subject, values=values) if round_.form.subject == "partner" else \
            AssessmentRow(topic=subject, values=values)
        answer.rows.append(row)
    else:
        row.values = dict(values)
    answer.updated_at = utcnow()  # moves the version: another member's page is now out of date
    answer.updated_by_id = actor.id
    db.session.flush()
    audit.record(actor, answer, "save_draft", changes={subject_key(round_): [None, _subject_code(row)]})
    return answer


def remove_row(actor: Any, answer: AssessmentAnswer, row: AssessmentRow) -> None:
    if answer.status != "draft":
        raise WrongState(_("This answer is submitted: an administrator can reopen it for corrections."))
    code = _subject_code(row)
    answer.rows.remove(row)
    answer.updated_at = utcnow()
    answer.updated_by_id = actor.id
    audit.record(actor, answer, "remove_row", changes={subject_key(answer.round): [code, None]})


def submit_answer(actor: Any, answer: AssessmentAnswer) -> None:
    ANSWER_WORKFLOW.check(actor, answer, "submit_answer")
    if not answer.rows:
        raise WrongState(_("This answer is empty: fill in at least one %(subject)s before submitting it.",
                           subject=str(answer.round.form.subject_label).lower()))
    ANSWER_WORKFLOW.apply(actor, answer, "submit_answer")
    answer.submitted_at = utcnow()
    answer.submitted_by_id = actor.id


def reopen_answer(actor: Any, answer: AssessmentAnswer, note: str) -> None:
    ANSWER_WORKFLOW.apply(actor, answer, "reopen_answer", note=note)
    answer.submitted_at = None
    answer.submitted_by_id = None
