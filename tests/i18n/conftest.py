"""The translation tests visit every page of the access matrix, on the records its ``world`` builds."""

from tests.security.conftest import make_expert, make_nomination, make_training, world  # noqa: F401 - fixtures
