from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from solidarity.supporters.models import Subscriber


def test_the_command_imports_a_file_and_lists_the_refused_rows(tmp_path, lists):
    path = tmp_path / "members.csv"
    path.write_text("email,name,language,lists,consent_source,consent_date,consent_text\n"
                    "ok@example.org,OK,fa,,meeting,2020-02-02,I agree\n"
                    "no@example.org,,en,,,,\n", encoding="utf-8")
    out = StringIO()

    call_command("import_subscribers", str(path), stdout=out)

    assert "row 3 (no@example.org): No record of consent" in out.getvalue()
    assert out.getvalue().strip().endswith("imported 1, updated 0, refused 1")
    assert Subscriber.objects.get().email == "ok@example.org"


def test_a_file_without_the_consent_columns_imports_nothing(tmp_path, lists):
    path = tmp_path / "old.csv"
    path.write_text("email\nok@example.org\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing was imported. Columns missing"):
        call_command("import_subscribers", str(path))

    assert not Subscriber.objects.exists()
