# The meetings' factories are in tests/factories.py; re-exported until the test modules import them from there.
from tests.factories import PAST, action, answer  # noqa: F401
from tests.factories import meeting_form as form_data  # noqa: F401
