"""Private documents never bypass Wagtail's document privacy (docs/deployment.md, "Media").

Documents are served only by Wagtail's view (WAGTAILDOCS_SERVE_METHOD = "serve_view"), which
checks the collection's privacy; the production URL configuration serves nothing under
/media/ (nginx serves only image renditions there), so a document's file has no address.
"""

import importlib.util
import sys

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

PRODUCTION_URLS = "solidarity_production_urls"


@pytest.fixture
def production_urls(settings):
    """The project's URL configuration as it is built with DEBUG off (a fresh copy of the module)."""
    settings.DEBUG = False
    spec = importlib.util.find_spec("solidarity.urls")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[PRODUCTION_URLS] = module
    settings.ROOT_URLCONF = PRODUCTION_URLS
    yield
    del sys.modules[PRODUCTION_URLS]


@pytest.fixture
def private_document(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node()
    private = root.add_child(name="Statements not yet public")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model()(title="Names of the detained", collection=private)
    document.file.save("names-of-the-detained.pdf", ContentFile(b"%PDF-1.4 secret"), save=False)
    document.save()
    return document


def test_documents_are_served_through_wagtails_view(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_a_private_documents_file_has_no_address_under_media(client, production_urls, private_document):
    assert private_document.file.name.startswith("documents/")

    response = client.get(f"/media/{private_document.file.name}")

    assert response.status_code == 404
    assert b"secret" not in response.content


def test_the_document_view_refuses_a_visitor_who_is_not_signed_in(client, production_urls, private_document):
    response = client.get(private_document.url)

    assert response.status_code in (302, 403)
    assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_the_document_view_serves_a_signed_in_staff_member(client, production_urls, private_document, make_staff):
    client.force_login(make_staff("editor", "Editors"))

    response = client.get(private_document.url)

    assert response.status_code == 200
    assert b"secret" in b"".join(response.streaming_content)
