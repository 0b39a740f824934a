"""URL rules compile their URL builders on first use: an unused rule costs nothing at start, a used one builds the
same URLs as before (the whole suite builds them; here the swap itself)."""

from flask import url_for

from app.core.routing import LazyBuilderRule


def test_a_rule_compiles_its_builder_when_a_url_is_first_built(app):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "funding.call")
    assert isinstance(rule, LazyBuilderRule)
    stub = rule._build_unknown  # the builder url_for uses (unknown arguments go to the query string)
    with app.test_request_context():
        assert url_for("funding.call", call_id=7) == "/funding/calls/7"
        compiled = rule._build_unknown
        assert compiled is not stub  # replaced by the compiled builder
        assert url_for("funding.call", call_id=8, tab="x y") == "/funding/calls/8?tab=x+y"
        assert url_for("funding.call", call_id=9) == "/funding/calls/9"
        assert rule._build_unknown is compiled  # compiled once
