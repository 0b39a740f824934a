"""Every route of app.url_map with an ``<int:...>`` argument, fed ids of records that exist, that do not, and that
no integer column can hold (PostgreSQL's end at 2^31 - 1, SQLite's at 2^63 - 1): never a server error, and an id
beyond any record is not found.

The routes come from the url_map itself, so a new one is fuzzed the day it is added; the valid ids, the record
states and the role that may use it come from its access rule (tests/security/access.py), which every endpoint
must have. Each route is requested with every method it answers (a POST as a form: the tests turn CSRF off).
"""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz.routes import ADAPTER, APP, INT_ARGUMENT, client_for, path_of, role_for
from tests.fuzz.strategies import BEYOND_INT32, EDGE_IDS, FUZZ_IDS, ids
from tests.security.access import ACCESS

INT_ROUTES = sorted((rule.rule, rule.endpoint, method) for rule in APP.url_map.iter_rules()
                    if INT_ARGUMENT.search(rule.rule) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))


def sample(rule: str, endpoint: str, ids_of: dict) -> tuple[dict, str]:
    """The arguments of a request to ``rule`` its access rule makes (existing records), and the role to use."""
    for access in ACCESS.get(endpoint, []):
        matched, args = ADAPTER.match(access.url.format_map(ids_of).split("?")[0], method=access.method,
                                      return_rule=True)
        if matched.rule == rule:
            return args, role_for(access.allowed)
    raise AssertionError(f"{rule}: no request of tests/security/access.py reaches this route; add one there")


def test_every_int_route_is_fuzzed():
    assert len(INT_ROUTES) > 50, "the pattern above no longer finds the <int:...> routes of the url_map"
    assert {endpoint for _, endpoint, _ in INT_ROUTES} <= ACCESS.keys()


@pytest.mark.parametrize(("rule", "endpoint", "method"), INT_ROUTES, ids=[f"{m} {r}" for r, _, m in INT_ROUTES])
def test_no_id_breaks_a_route(rule, endpoint, method, app, login_as, world):
    member = login_as("member", "IT")
    valid, role = sample(rule, endpoint, world(member.user))
    client = client_for(role, app, member, login_as)
    names = INT_ARGUMENT.findall(rule)

    @FUZZ_IDS
    @given(drawn=st.fixed_dictionaries({name: ids([valid[name]]) for name in names}))
    def request(drawn):
        path = path_of(rule, {**valid, **drawn})
        response = client.open(path, method=method, data={})
        response.close()
        assert response.status_code < 500, (method, path, response.status_code)
        if any(value >= BEYOND_INT32 for value in drawn.values()):  # no record has such an id
            assert response.status_code == 404, (method, path, response.status_code)

    for name in names:  # each argument at the edge of each engine, the others valid: tried on every run
        for edge in EDGE_IDS:
            request = example(drawn={other: edge if other == name else valid[other] for other in names})(request)
    request()
