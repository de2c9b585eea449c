"""What every answer of the production server carries, seen through the proxy."""


def test_the_production_server_answers_pages_in_both_languages_with_strict_headers(production_server, site_tree):
    visitor = production_server.visitor()
    for path in ("/en/", "/fa/"):
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        assert response.headers["X-Frame-Options"] == "DENY"
    assert 'dir="rtl"' in visitor.get("/fa/").text


def test_a_request_that_did_not_come_over_https_is_sent_to_https(production_server, site_tree):
    visitor = production_server.visitor()
    response = visitor.get("/en/", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")
