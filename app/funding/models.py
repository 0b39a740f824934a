"""Funding: the sources that pay, the calls that could pay, the applications made to them, and the budget lines
of meetings and training activities. Every amount is whole euro cents in a BIGINT (``*_cents``), never a float."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Index, Numeric, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _l, current_language
from app.core.models import utcnow
from app.extensions import db
from app.meetings.models import Meeting
from app.network.models import Organisation, User
from app.roster.models import TrainingActivity

SOURCE_KINDS = {
    "isf_national": _l("ISF national programme"),
    "isf_union": _l("ISF Union action"),
    "cepol": _l("CEPOL"),
    "national": _l("National budget"),
    "agency": _l("Agency contribution"),
    "other": _l("Other"),
}

APPLICATION_STATES = {
    "idea": _l("Idea"),
    "drafting": _l("Drafting"),
    "submitted": _l("Submitted"),
    "awarded": _l("Awarded"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
}


class FundingSource(db.Model):
    """Who may pay for the network's activities: a list administrators keep (reference data)."""

    __tablename__ = "funding_sources"
    __table_args__ = (
        CheckConstraint("kind IN ('isf_national', 'isf_union', 'cepol', 'national', 'agency', 'other')",
                        name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_fr: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def label(self) -> str:
        """The name in the reader's language (the French name when there is one)."""
        return self.name_fr if current_language() == "fr" and self.name_fr else self.name

    @property
    def kind_label(self) -> str:
        return str(SOURCE_KINDS[self.kind])

    def __str__(self) -> str:
        return self.label


class FundingCall(db.Model):
    """A funding opportunity: a call for proposals the network could answer."""

    __tablename__ = "funding_calls"
    __table_args__ = (
        CheckConstraint("opens_on IS NULL OR opens_on <= closes_on", name="dates"),
        CheckConstraint("max_amount_cents IS NULL OR max_amount_cents >= 0", name="max_amount"),
        CheckConstraint("cofinancing_rate IS NULL OR (cofinancing_rate > 0 AND cofinancing_rate <= 100)",
                        name="cofinancing_rate"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("funding_sources.id"), index=True)
    reference: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(200))
    link: Mapped[str | None] = mapped_column(String(500))
    opens_on: Mapped[date | None]
    # Past it the call is in the archive (worked out from the date: nothing has to run for it).
    closes_on: Mapped[date] = mapped_column(index=True)
    max_amount_cents: Mapped[int | None] = mapped_column(BigInteger)
    # The share of eligible costs the call pays, in percent (exact: NUMERIC(5, 2)).
    cofinancing_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2, asdecimal=True))
    eligible_activities: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    source: Mapped[FundingSource] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()


funding_application_partners = Table(
    "funding_application_partners",
    db.metadata,
    Column("application_id", ForeignKey("funding_applications.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), primary_key=True, index=True),
)
funding_application_meetings = Table(
    "funding_application_meetings",
    db.metadata,
    Column("application_id", ForeignKey("funding_applications.id", ondelete="CASCADE"), primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True, index=True),
)
funding_application_trainings = Table(
    "funding_application_trainings",
    db.metadata,
    Column("application_id", ForeignKey("funding_applications.id", ondelete="CASCADE"), primary_key=True),
    Column("training_id", ForeignKey("training_activities.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class FundingApplication(db.Model):
    """An application for funding, led by one country with partner countries and agencies."""

    __tablename__ = "funding_applications"
    __table_args__ = (
        CheckConstraint(
            "status IN ('idea', 'drafting', 'submitted', 'awarded', 'rejected', 'withdrawn')", name="status"),
        CheckConstraint("amount_requested_cents IS NULL OR amount_requested_cents >= 0", name="requested"),
        CheckConstraint("amount_awarded_cents IS NULL OR amount_awarded_cents >= 0", name="awarded"),
        CheckConstraint("amount_awarded_cents IS NULL OR amount_requested_cents IS NULL "
                        "OR amount_awarded_cents <= amount_requested_cents", name="award_within_request"),
        Index("ix_funding_applications_listing", "created_at", "id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    call_id: Mapped[int | None] = mapped_column(ForeignKey("funding_calls.id", ondelete="SET NULL"), index=True)
    # The source it asks, when it answers no call in the register (a national budget line, an agency).
    source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_sources.id"), index=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="idea", index=True)
    amount_requested_cents: Mapped[int | None] = mapped_column(BigInteger)
    amount_awarded_cents: Mapped[int | None] = mapped_column(BigInteger)
    submitted_on: Mapped[date | None]
    # The day the funder decided (awarded or rejected): the report counts awards by it.
    decided_on: Mapped[date | None] = mapped_column(index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    call: Mapped[FundingCall | None] = relationship(lazy="joined")
    source: Mapped[FundingSource | None] = relationship(lazy="joined")
    lead: Mapped[Organisation] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()
    partners: Mapped[list[Organisation]] = relationship(
        secondary=funding_application_partners, order_by=Organisation.name, lazy="selectin")
    meetings: Mapped[list[Meeting]] = relationship(
        secondary=funding_application_meetings, order_by=Meeting.starts_at, lazy="selectin")
    trainings: Mapped[list[TrainingActivity]] = relationship(
        secondary=funding_application_trainings, order_by=TrainingActivity.starts_on, lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_label(self) -> str:
        return str(APPLICATION_STATES[self.status])

    @property
    def funder(self) -> FundingSource | None:
        """The source it asks: its call's, or its own."""
        return self.call.source if self.call else self.source

    def __str__(self) -> str:
        return self.title


class BudgetLine(db.Model):
    """One cost of a meeting or a training activity: planned, then actual, and who pays it."""

    __tablename__ = "budget_lines"
    __table_args__ = (
        CheckConstraint("(meeting_id IS NULL) <> (training_id IS NULL)", name="one_activity"),
        CheckConstraint("planned_cents >= 0", name="planned"),
        CheckConstraint("actual_cents IS NULL OR actual_cents >= 0", name="actual"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    training_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_activities.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(200))
    planned_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    actual_cents: Mapped[int | None] = mapped_column(BigInteger)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("funding_sources.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_applications.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    source: Mapped[FundingSource | None] = relationship(lazy="joined")
    application: Mapped[FundingApplication | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}

    @property
    def payer(self) -> FundingSource | None:
        """Who pays the line: its own source, else the source its application asks."""
        return self.source or (self.application.funder if self.application else None)


audit.describe(
    actions={"start_drafting": _l("drafting started"), "submit": _l("submitted"), "award": _l("awarded"),
             "reject": _l("rejected"), "withdraw": _l("withdrawn"), "add_budget_line": _l("budget line added"),
             "edit_budget_line": _l("budget line changed"), "remove_budget_line": _l("budget line removed")},
    fields={"reference": _l("call reference"), "closes_on": _l("closing date"), "opens_on": _l("opening date"),
            "max_amount_cents": _l("maximum amount"), "cofinancing_rate": _l("co-financing rate"),
            "amount_requested_cents": _l("amount requested"), "amount_awarded_cents": _l("amount awarded"),
            "planned_cents": _l("planned amount"), "actual_cents": _l("actual amount"), "item": _l("item"),
            "source": _l("funding source"), "lead": _l("lead country"), "partners": _l("partners"),
            "summary": _l("summary"), "link": _l("link"), "eligible_activities": _l("eligible activities")},
)
