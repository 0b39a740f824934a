"""The reminder before a round's deadline, to the countries (Member States and Schengen-associated countries, who
answer too) that have not submitted their answer."""

from datetime import datetime, timedelta

from flask import current_app, url_for

from app.assessments.models import AssessmentAnswer, AssessmentRound
from app.core.i18n import _l
from app.extensions import db
from app.network.models import Organisation
from app.notifications.registry import Kind, notification_kind, periodic, record_link
from app.notifications.services import members_of, notify_once

notification_kind("assessment_reminder",
                  Kind(_l("Reminder before an assessment's deadline, while your country has not submitted"),
                       "immediate"))
record_link("assessment_rounds", lambda r: url_for("assessments.round", round_id=r.id, _external=True))


@periodic
def queue_assessment_reminders(now: datetime) -> int:
    """Within ASSESSMENT_REMINDER_DAYS of an open round's deadline, remind each Member State without a submitted
    answer, and each associated country likewise (they answer rounds too), once per round, country and deadline (a
    deadline moved later gets its own reminder)."""
    today = now.date()
    last = today + timedelta(days=current_app.config["ASSESSMENT_REMINDER_DAYS"])
    rounds = db.session.scalars(db.select(AssessmentRound).where(
        AssessmentRound.status == "open", AssessmentRound.deadline >= today, AssessmentRound.deadline <= last)
        .order_by(AssessmentRound.id)).all()
    queued = 0
    for round_ in rounds:
        submitted = db.select(AssessmentAnswer.organisation_id).where(
            AssessmentAnswer.round_id == round_.id, AssessmentAnswer.status == "submitted")
        countries = db.session.scalars(db.select(Organisation.id).where(
            Organisation.kind.in_(("member_state", "associated")), Organisation.id.not_in(submitted))
            .order_by(Organisation.id))
        for country_id in countries:
            queued += notify_once("assessment_reminder", members_of([country_id]), round_,
                                  f"assessment_reminder:{round_.id}:{country_id}:{round_.deadline.isoformat()}")
    return queued
