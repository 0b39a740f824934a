from tests.factories import PASSWORD


def _token(html: bytes) -> str:
    marker = b'name="csrf_token" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index(b'"', start)].decode()


def test_post_without_csrf_token_is_refused_and_changes_nothing(make_app, make_user, db):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        make_user(email="a@example.org")
    client = app.test_client()
    response = client.post("/login", data={"email": "a@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert b"security token is missing or has expired" in response.data
    assert client.get("/").status_code == 302  # not logged in


def test_post_with_csrf_token_in_form_or_htmx_header_is_accepted(make_app, make_user):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        make_user(email="a@example.org")
    client = app.test_client()
    token = _token(client.get("/login").data)
    response = client.post("/login", data={"email": "a@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    page = client.get("/").data
    header_token = page.split(b'"X-CSRFToken": "')[1].split(b'"')[0].decode()
    # A form-less htmx button sends the token in a header.
    assert client.post("/logout", headers={"HX-Request": "true"}).status_code == 400
    response = client.post("/logout", headers={"HX-Request": "true", "X-CSRFToken": header_token})
    assert response.status_code == 200
    assert response.headers["HX-Redirect"].endswith("/login")
