"""The questionnaires are data: a declaration with an unknown answer type (or a choice question without choices, a
question named twice) is refused when it is made, and each answer is cleaned by its question."""

import pytest

from app.assessments.questionnaires import COOPERATION, TRAINING_NEEDS, AnswerError, Question, Questionnaire


def test_an_unknown_answer_type_is_refused_on_declaration():
    with pytest.raises(ValueError, match="unknown answer type 'slider'"):
        Question("speed", "Speed", "slider")


def test_a_choice_question_without_choices_and_a_question_named_twice_are_refused():
    with pytest.raises(ValueError, match="needs choices"):
        Question("band", "Band", "choice")
    with pytest.raises(ValueError, match="named twice"):
        Questionnaire("q", "Q", "partner", "Partner", (Question("a", "A", "text"), Question("a", "A", "text")))
    with pytest.raises(ValueError, match="unknown subject"):
        Questionnaire("q", "Q", "agency", "Agency", ())


@pytest.mark.parametrize(("name", "raw", "message"), [
    ("quality", "0", "Give a whole number from 1 to 5."),
    ("quality", "6", "Give a whole number from 1 to 5."),
    ("quality", "٣", "Give a whole number from 1 to 5."),  # digits of another script are not taken for 3
    ("requests_sent", "12-40", "“12-40” is not one of the choices."),
    ("channels", ["siena", "pigeon"], "“pigeon” is not one of the choices."),
    ("requests_sent", "", "Answer this question."),
])
def test_a_bad_answer_gets_its_message(app, name, raw, message):
    with app.test_request_context():
        with pytest.raises(AnswerError) as refused:
            COOPERATION.question(name).clean(raw)
        assert str(refused.value) == message


def test_answers_are_cleaned_to_what_is_stored(app):
    with app.test_request_context():
        values, errors = COOPERATION.clean({"requests_sent": "11-50", "requests_received": "1000+", "quality": "4",
                                            "channels": ["sirene", "siena", "siena"], "comment": "  Quick.  "})
        assert errors == {}
        assert values["quality"] == 4
        assert values["channels"] == ["siena", "sirene"]  # declared order, once each
        assert values["comment"] == "Quick."
        assert values["difficulties"] == []
        assert values["urgent_time"] is None
        values, errors = TRAINING_NEEDS.clean({"level": "basic", "priority": "high", "staff": "100001"})
        assert set(errors) == {"staff"}
