"""Who may do what with assessment rounds and answers. Views answer 403 with these; templates show buttons."""

from typing import Any

from app.core.permissions import is_admin
from app.core.timezones import today
from app.network.associated import is_country_user
from app.network.services import holds_presidency, is_head_of_spoc


def can_open_rounds(user: Any) -> bool:
    """The Presidency of the day and administrators open and close rounds."""
    return is_admin(user) or holds_presidency(user)


def can_close_round(user: Any, round_: Any) -> bool:
    return can_open_rounds(user)


def is_head_of(user: Any, organisation_id: int) -> bool:
    return is_country_user(user) and user.organisation_id == organisation_id and is_head_of_spoc(user)


def taking_answers(round_: Any) -> bool:
    """An open round takes answers until the end of its deadline day."""
    return round_.status == "open" and today() <= round_.deadline


def can_write_answer(user: Any, answer: Any) -> bool:
    """The country's own members write its draft while the round takes answers."""
    return (is_country_user(user) and user.organisation_id == answer.organisation_id
            and answer.status == "draft" and taking_answers(answer.round))


def can_submit_answer(user: Any, answer: Any) -> bool:
    """Only the country's Head of SPOC submits its answer (the workflow checks the state and the deadline)."""
    return is_head_of(user, answer.organisation_id) and taking_answers(answer.round)


def can_reopen_answer(user: Any, answer: Any) -> bool:
    """Administrators only: a submitted answer goes back to draft for its country to correct."""
    return is_admin(user)


def can_see_answer(user: Any, answer: Any) -> bool:
    """A country always sees its own answer; administrators see every raw answer."""
    return is_admin(user) or getattr(user, "organisation_id", None) == answer.organisation_id


def can_see_results(user: Any, round_: Any) -> bool:
    """Results are shown once the round closes, to every logged-in user (with the three-country rule)."""
    return bool(getattr(user, "is_authenticated", False)) and round_.status == "closed"


def sees_raw_answers(user: Any) -> bool:
    return is_admin(user)


TEMPLATE_GLOBALS = (can_open_rounds, can_close_round, is_head_of, taking_answers, can_write_answer,
                    can_submit_answer, can_reopen_answer, can_see_answer, can_see_results, sees_raw_answers)
