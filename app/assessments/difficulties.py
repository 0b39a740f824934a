"""A difficulty named in a cooperation answer becomes an obstacle report in one click.

An answer's row lists the kinds of obstacle met with one partner; :func:`obstacle_link` links each to the
obstacle form, which asks :func:`draft_obstacle` (registered with app.obstacles.prefill) for a draft: the kind,
a title and a description from the row, the partner on the other side, the channel when the row names one.
Only the answering country's own members get a draft: another country's row id, an unknown id or a kind the row
does not name open the form empty, so no one reads another country's comment through the address.
"""

from collections.abc import Mapping
from typing import Any

from flask import url_for

from app.assessments.models import AssessmentAnswer, AssessmentRow
from app.core.i18n import _
from app.core.limits import to_id
from app.extensions import db
from app.network.associated import is_country_user
from app.network.models import LegalInstrument
from app.obstacles.models import KINDS
from app.obstacles.prefill import Draft, prefill_source

# The questionnaire's channels and the legal instrument an obstacle report names for each.
CHANNEL_INSTRUMENTS = {"siena": "EUROPOL-SIENA", "sirene": "SIS-SIRENE", "interpol": "INTERPOL",
                       "liaison": "BILATERAL"}
TITLE_MAX = 200


def obstacle_link(row: Any, kind: str) -> str:
    """The address of the obstacle form drafted from ``row``'s difficulty ``kind``."""
    return url_for("obstacles.new", from_row=row.id, kind=kind)


def draft_obstacle(user: Any, args: Mapping[str, str]) -> Draft | None:
    """The draft of an obstacle report from a cooperation row of the user's own country, or None."""
    row_id, kind = to_id(args.get("from_row")), args.get("kind", "")
    if row_id is None or kind not in KINDS or not is_country_user(user):
        return None
    row = db.session.scalar(
        db.select(AssessmentRow).join(AssessmentAnswer, AssessmentRow.answer_id == AssessmentAnswer.id)
        .where(AssessmentRow.id == row_id, AssessmentAnswer.organisation_id == user.organisation_id,
               AssessmentRow.partner_id.is_not(None))
        .options(db.joinedload(AssessmentRow.answer).joinedload(AssessmentAnswer.round)))
    if row is None:
        return None
    values = row.values or {}
    if kind not in (values.get("difficulties") or []):
        return None
    partner, kind_label = row.partner.name, str(KINDS[kind])
    title = _("Difficulties with %(partner)s (%(kind)s)", partner=partner, kind=kind_label.lower())
    comment = (values.get("comment") or "").strip()
    source = _("Drafted from %(country)s's answer to “%(round)s”.", country=row.answer.organisation.name,
               round=row.answer.round.title)
    description = f"{title}: {comment}" if comment else f"{title}."
    draft: Draft = {"title": title[:TITLE_MAX], "description": f"{description}\n\n{source}", "kind": kind,
                    "counterpart_ids": [row.partner_id], "source": source}
    channels = [c for c in values.get("channels") or [] if c in CHANNEL_INSTRUMENTS]
    if len(channels) == 1:  # one channel used with the partner: the instrument the difficulty is about
        instrument_id = db.session.scalar(db.select(LegalInstrument.id).where(
            LegalInstrument.code == CHANNEL_INSTRUMENTS[channels[0]], LegalInstrument.active.is_(True)))
        if instrument_id is not None:
            draft["instrument_id"] = instrument_id
    return draft


prefill_source("from_row", draft_obstacle)

TEMPLATE_GLOBALS = (obstacle_link,)
