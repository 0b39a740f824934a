# The practices' factories are in tests/factories.py; re-exported until the test modules import them from there.
from tests.factories import practice_form  # noqa: F401
