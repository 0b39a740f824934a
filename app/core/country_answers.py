"""One country's answer on a record, once per country: "affects us too" on an obstacle, "we adopted it" on a
best practice (the :class:`app.core.models.CountryAnswer` shape). The module says which list, which counter
and which words; the rules of giving and withdrawing an answer live here once."""

from typing import Any

from app.core import audit
from app.core.models import CountryAnswer
from app.core.permissions import is_member_state_user
from app.core.workflow import NotAllowed, WrongState
from app.extensions import db


def answer_of(answers: list[Any], user: Any) -> CountryAnswer | None:
    """The answer of ``user``'s country among ``answers``, if it gave one."""
    return next((a for a in answers if a.organisation_id == user.organisation_id), None)


def give_answer(user: Any, record: Any, answers: list[Any], model: type[CountryAnswer], note: str | None, *,
                counter: str, action: str, allowed: bool, already: WrongState, refused: str) -> CountryAnswer:
    """Add a ``model`` answer of ``user``'s country with ``note`` to ``answers`` of ``record``, keep
    ``record.<counter>`` in step and audit ``action``; ``already`` is raised if the country answered,
    ``refused`` if not ``allowed``."""
    if answer_of(answers, user) is not None:
        raise already
    if not allowed:
        raise NotAllowed(refused)
    answer = model(organisation_id=user.organisation_id, note=note or "", created_by_id=user.id)
    db.session.add(answer)
    answers.append(answer)
    setattr(record, counter, len(answers))
    audit.record(user, record, action, changes={"country": [None, user.organisation.code]}, note=answer.note or None)
    return answer


def withdraw_answer(user: Any, record: Any, answers: list[Any], *, counter: str, action: str, refused: str,
                    missing: str) -> None:
    """Remove ``user``'s country's answer from ``record``; only Member States answer (``refused``), and only
    one that answered can withdraw (``missing``)."""
    if not is_member_state_user(user):
        raise NotAllowed(refused)
    answer = answer_of(answers, user)
    if answer is None:
        raise WrongState(missing)
    answers.remove(answer)
    setattr(record, counter, len(answers))
    audit.record(user, record, action, changes={"country": [user.organisation.code, None]})
