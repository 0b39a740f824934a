# The obstacles' factories are in tests/factories.py; re-exported until the test modules import them from there.
from tests.factories import instrument  # noqa: F401
from tests.factories import obstacle_form as form_data  # noqa: F401
