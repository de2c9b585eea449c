import pytest

from solidarity.contact import services
from solidarity.contact.factories import make_contact_page
from solidarity.publishing import factories


@pytest.fixture(autouse=True)
def _own_cache(private_cache):
    """Rate-limit counters start at zero in every test."""


@pytest.fixture
def contact_page(site_tree, settings):
    settings.CONTACT_NOTIFY_EMAILS = ["staff@alliance.example"]
    return make_contact_page(site_tree["home"])


@pytest.fixture
def fa_contact_page(contact_page):
    return factories.translate(contact_page, "fa", title="تماس با ما", intro="<p>برای ما بنویسید.</p>")


def message_data(**overrides):
    return {
        "name": "Jane Worker",
        "email": "jane@union.example",
        "subject": "Solidarity from Local 4400",
        "message": "Our local adopted a resolution in support of workers in Iran.",
        "website": "",
        **overrides,
    }


def receive(**overrides):
    """A message received through the service, as the contact page would pass it on."""
    fields = {
        "name": "Jane Worker",
        "email": "jane@union.example",
        "subject": "Solidarity",
        "message": "Greetings from Local 4400.",
        "language": "en",
        "ip": "203.0.113.7",
        **overrides,
    }
    return services.receive_message(**fields)



@pytest.fixture
def committed_contact_page(committed_db, settings):
    """A Contact Us page committed to the test database, for other threads and processes."""
    settings.CONTACT_NOTIFY_EMAILS = ["staff@alliance.example"]
    return make_contact_page(factories.make_site())
