
from tests.factories import HTMX, is_fragment, log_in


def test_health_check_needs_no_login_and_touches_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.data == b"ok\n"


def test_security_headers_on_every_response(client, member_client):
    for response in (client.get("/login"), client.get("/healthz"), member_client.get("/"),
                     member_client.get("/no-such-page"), client.get("/static/css/spoc.css")):
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
        response.close()


def test_pages_have_no_inline_script_and_load_vendored_htmx(member_client):
    page = member_client.get("/").data.decode()
    assert "<script>" not in page
    assert 'src="/static/vendor/htmx-2.0.11.min.js"' in page
    script = member_client.get("/static/vendor/htmx-2.0.11.min.js")
    assert script.status_code == 200
    assert b"htmx" in script.data
    script.close()
    assert "cdn" not in page.lower()


def test_base_layout_has_skip_link_landmarks_and_navigation(member_client):
    page = member_client.get("/").data.decode()
    assert 'href="#content"' in page
    assert '<main id="content"' in page
    assert 'aria-label="Main"' in page
    for label in ("Obstacles", "Best practices", "Experts", "Meetings", "Calendar", "Network"):
        assert f">{label}</a>" in page
    assert "Administration" not in page


def test_not_found_is_a_page_or_a_fragment(member_client):
    page = member_client.get("/nothing-here")
    assert page.status_code == 404
    assert b"<html" in page.data
    assert b"There is nothing at this address" in page.data
    fragment = member_client.get("/nothing-here", headers=HTMX)
    assert fragment.status_code == 404
    assert is_fragment(fragment)
    assert fragment.headers["HX-Retarget"] == "#messages"


def test_forbidden_is_a_page_or_a_fragment(member_client):
    assert member_client.get("/admin/").status_code == 403
    fragment = member_client.get("/admin/", headers=HTMX)
    assert fragment.status_code == 403
    assert is_fragment(fragment)
    assert b"You do not have permission" in fragment.data


def test_unexpected_errors_get_a_500_page_and_no_traceback(make_app, make_user):
    app = make_app(PROPAGATE_TEST_ERRORS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("internal detail")

    client = app.test_client()
    with app.app_context():
        log_in(client, make_user())
    response = client.get("/boom")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.data
    assert b"internal detail" not in response.data
