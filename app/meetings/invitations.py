"""Invitations to a meeting (every Member State on convening; agencies and the Schengen-associated countries one by
one) and their answers."""

from datetime import UTC, datetime
from typing import Any

from app.core import audit
from app.core.i18n import _
from app.core.workflow import WrongState
from app.extensions import db
from app.meetings.models import Meeting, MeetingAnswer, MeetingInvitation
from app.meetings.services import MeetingError
from app.network.models import Organisation, User

# Who the Presidency invites one by one; the 27 Member States are all invited on convening.
INVITED_ONE_BY_ONE = ("associated", "agency")


def invite_agency(user: User, meeting: Meeting, agency: Organisation, reason: str) -> MeetingInvitation:
    if agency.kind not in INVITED_ONE_BY_ONE:
        raise MeetingError(_("Only agencies and associated countries are invited one by one; Member States are all "
                             "invited on convening."), "organisation_id")
    if any(i.organisation_id == agency.id for i in meeting.invitations):
        raise MeetingError(_("%(agency)s is already invited.", agency=agency.name), "organisation_id")
    invitation = MeetingInvitation(organisation=agency, reason=reason)
    meeting.invitations.append(invitation)
    db.session.flush()
    audit.record(user, meeting, "invite", changes={"invited": [None, agency.code]}, note=reason)
    return invitation


def withdraw_invitation(user: User, invitation: MeetingInvitation) -> None:
    if invitation.organisation.kind not in INVITED_ONE_BY_ONE:
        raise WrongState(_("Member States' invitations cannot be withdrawn; cancel the meeting instead."))
    if invitation.answer is not None:
        raise WrongState(_("%(organisation)s has answered already; its invitation stays.",
                           organisation=invitation.organisation.name))
    meeting = invitation.meeting
    meeting.invitations.remove(invitation)
    audit.record(user, meeting, "uninvite", changes={"invited": [invitation.organisation.code, None]})


def answer_invitation(user: User, invitation: MeetingInvitation, data: dict[str, Any]) -> MeetingAnswer:
    """Record or change the organisation's one answer (the view has checked :func:`perm.can_answer`)."""
    attending = data["answer"] == "attending"
    answer = invitation.answer or MeetingAnswer(invitation=invitation)
    answer.answer = data["answer"]
    answer.delegates = data["delegates"] if attending else 0
    answer.delegate_names = data["delegate_names"] if attending else ""
    answer.answered_by_id = user.id
    answer.answered_at = datetime.now(UTC)
    db.session.add(answer)
    db.session.flush()
    audit.record(user, answer, "answer", changes={"answer": [None, answer.answer], "delegates": answer.delegates})
    return answer


def invitation_of(meeting: Meeting, organisation_id: int) -> MeetingInvitation | None:
    return next((i for i in meeting.invitations if i.organisation_id == organisation_id), None)
