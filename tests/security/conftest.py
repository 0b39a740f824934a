# The security tests' helpers and their world are in tests/factories.py; re-exported until the test modules
# import them from there.
from tests.factories import code_for, copy_cookie  # noqa: F401
