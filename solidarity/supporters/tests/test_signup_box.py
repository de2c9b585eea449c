from django.template.loader import render_to_string
from django.utils import translation


def test_the_footer_box_sends_the_reader_to_the_full_form_without_a_csrf_token(db):
    with translation.override("fa"):
        html = render_to_string("supporters/includes/signup_form.html")

    assert 'method="get" action="/fa/newsletter/subscribe/"' in html
    assert 'name="email"' in html
    assert "csrfmiddlewaretoken" not in html  # safe in pages the anonymous cache keeps
    assert "خبرنامهٔ ما را با ایمیل دریافت کنید" in html
