import datetime

import pytest

from solidarity.cases.models import Case, CaseEvent


@pytest.fixture(autouse=True)
def _memory_cache(settings):
    """A cache in this process's memory: the file cache under var/ is shared by every test run on
    this machine, and the query counts here assume a cache that costs no file reads."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "cases-tests"}}


@pytest.fixture
def make_case(db):
    """A public case showing every field, with the given events (dicts) in the editor's order."""

    def make(name_latin="Test Worker", *, events=(), **fields):
        fields = {
            "is_public": True, "show_occupation": True, "show_affiliations": True, "show_city": True,
            "show_event_details": True, **fields,
        }
        case = Case(name_latin=name_latin, **fields)
        for order, event in enumerate(events):
            event = {"date_precision": "day", "is_public": True, **event}
            if isinstance(event["date"], str):
                event["date"] = datetime.date.fromisoformat(event["date"])
            case.events.add(CaseEvent(sort_order=order, **event))
        case.save()
        return case

    return make
