"""Assessment rounds, each country's one answer per round, and the answer's rows: one per subject (a partner
Member State or a topic), holding the values of the questionnaire's questions (app/assessments/questionnaires.py)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.assessments.questionnaires import QUESTIONNAIRES, Questionnaire
from app.core import audit
from app.core.i18n import _l
from app.core.models import utcnow
from app.extensions import db
from app.network.models import Organisation, User

ROUND_STATES = {"open": _l("Open"), "closed": _l("Closed")}
ANSWER_STATES = {"draft": _l("Draft"), "submitted": _l("Submitted")}


class AssessmentRound(db.Model):
    """One year's round of one questionnaire, opened by the Presidency or an administrator with a deadline."""

    __tablename__ = "assessment_rounds"
    __table_args__ = (
        CheckConstraint("questionnaire IN ('cooperation', 'training_needs')", name="questionnaire"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        CheckConstraint("year >= 2000 AND year <= 2200", name="year"),
        UniqueConstraint("questionnaire", "year", name="uq_assessment_rounds_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire: Mapped[str] = mapped_column(String(30))
    year: Mapped[int]  # the year the answers are about
    deadline: Mapped[date]  # the last day answers are taken
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    note: Mapped[str] = mapped_column(Text, default="")  # what the Presidency says to the countries
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    opened_by: Mapped[User | None] = relationship()
    answers: Mapped[list["AssessmentAnswer"]] = relationship(back_populates="round", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    @property
    def form(self) -> Questionnaire:
        return QUESTIONNAIRES[self.questionnaire]

    @property
    def title(self) -> str:
        return f"{self.form.title} {self.year}"

    @property
    def status_label(self) -> str:
        return str(ROUND_STATES[self.status])

    def __str__(self) -> str:
        return self.title


class AssessmentAnswer(db.Model):
    """A country's one answer to a round: a draft its members write, submitted by its Head of SPOC."""

    __tablename__ = "assessment_answers"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'submitted')", name="status"),
        UniqueConstraint("round_id", "organisation_id", name="uq_assessment_answers_country"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("assessment_rounds.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Every save of the draft moves it: a save made from an older page is refused (two members editing at once).
    version: Mapped[int] = mapped_column(default=1)

    round: Mapped[AssessmentRound] = relationship(back_populates="answers")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    rows: Mapped[list["AssessmentRow"]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by="AssessmentRow.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_label(self) -> str:
        return str(ANSWER_STATES[self.status])

    @property
    def title(self) -> str:
        return f"{self.round.title}: {self.organisation.name}"


class AssessmentRow(db.Model):
    """The answers about one subject: a partner Member State (cooperation) or a topic (training needs)."""

    __tablename__ = "assessment_rows"
    __table_args__ = (
        CheckConstraint("(partner_id IS NULL) <> (topic IS NULL)", name="one_subject"),
        UniqueConstraint("answer_id", "partner_id", name="uq_assessment_rows_partner"),
        UniqueConstraint("answer_id", "topic", name="uq_assessment_rows_topic"),
        Index("ix_assessment_rows_partner", "partner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("assessment_answers.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    topic: Mapped[str | None] = mapped_column(String(40))
    # question name -> cleaned value (Question.clean): a band code, a list of codes, a number or a text.
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    answer: Mapped[AssessmentAnswer] = relationship(back_populates="rows")
    partner: Mapped[Organisation | None] = relationship(lazy="joined")


audit.describe(
    actions={"open_round": _l("round opened"), "close": _l("round closed"), "save_draft": _l("draft saved"),
             "submit_answer": _l("answer submitted"), "reopen_answer": _l("answer reopened"),
             "remove_row": _l("subject removed")},
    fields={"deadline": _l("deadline"), "year": _l("year"), "note": _l("note"), "partners": _l("partners"),
            "topics": _l("topics")},
)
