"""Builders for the Contact Us page and messages, shared by the demo content and the tests."""

from solidarity.core.pages import add_page

from .models import ContactPage


def make_contact_page(home, *, title="Contact Us", slug="contact-us", intro="<p>Write to us.</p>", thank_you_text=""):
    page = ContactPage(title=title, slug=slug, intro=intro, thank_you_text=thank_you_text, show_in_menus=True)
    return add_page(home, page)
