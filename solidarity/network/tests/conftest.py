import datetime

import pytest

from solidarity.network import legacy, services
from solidarity.network.models import Organisation


@pytest.fixture
def cupe_article(site_tree):
    from solidarity.publishing import factories

    return factories.make_article(
        site_tree["news"], title="CUPE Ontario adopted a strong resolution in solidarity with workers in Iran",
        date=datetime.date(2012, 5, 28),
    )


@pytest.fixture
def resolution_21(cupe_article):
    return legacy.cupe_resolution_21(article=cupe_article)


@pytest.fixture
def aptuf_letter(alliance):
    return legacy.aptuf_message_2008()


@pytest.fixture
def make_org(db):
    def make(name_en, **fields):
        fields.setdefault("kind", Organisation.Kind.UNION)
        return services.register_organisation(name_en=name_en, **fields)

    return make


@pytest.fixture(autouse=True)
def _own_cache(private_cache):
    """The file cache under var/ is shared by every test run on this machine; query counts need their own."""
