"""Letters on the letterhead, as a printable page and as PDF; text read back with pdftotext."""

import datetime
import re
import subprocess

import pytest

from solidarity.network import services
from solidarity.network.models import Organisation

pytestmark = pytest.mark.django_db

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(data, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(BIDI_MARKS.sub("", text).split())


@pytest.fixture
def persian_letter(alliance):
    bus = services.register_organisation(
        name_en="Syndicate of Workers of Tehran and Suburbs Bus Company",
        name_fa="سندیکای کارگران شرکت واحد اتوبوسرانی تهران و حومه", country="IR",
        kind=Organisation.Kind.UNION,
    )
    letter = services.write_letter(
        sender=alliance, recipients=[bus], date=datetime.date(2023, 2, 15), language="fa",
        subject="پیام همبستگی به سندیکای کارگران شرکت واحد", salutation="رفقای گرامی،",
        body="ما در کنار مبارزه شما برای آزادی همکاران زندانی ایستاده‌ایم.\n\nزنده باد همبستگی کارگران.",
        closing="با درودهای همبستگی،", signatories="اتحاد بین‌المللی در حمایت از کارگران در ایران",
    )
    return services.publish_letter(letter)


def test_the_2008_message_renders_to_pdf_with_its_words(client, aptuf_letter, tmp_path):
    response = client.get(f"/en/network/letters/{aptuf_letter.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert "International Alliance in Support of Workers in Iran (IASWI)" in text
    assert "RE: Solidarity Message to: Asian Conference" in text
    assert "Dear Comrades;" in text
    assert "due to schedule and financial difficulties, we could not send any representative" in text
    assert "Log live workers’ international solidarity" in text
    assert "14 January 2008" in text


def test_a_persian_letter_renders_right_to_left_and_shaped_in_the_pdf(client, persian_letter, tmp_path):
    response = client.get(f"/en/network/letters/{persian_letter.pk}/pdf/")
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    # pdftotext gives back the logical order only when the glyphs were shaped and laid out RTL.
    assert "پیام همبستگی به سندیکای کارگران شرکت واحد" in text
    assert "رفقای گرامی،" in text
    assert "ما در کنار مبارزه شما برای آزادی همکاران زندانی" in text
    assert "اتحاد بین‌المللی در حمایت از کارگران در ایران".replace("\u200c", "") in text.replace("\u200c", "")
    assert "۱۴۰۱" in text  # the Jalali year beside the Gregorian date
    (tmp_path / "fonts.pdf").write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "fonts.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "Vazirmatn" in fonts or "NotoNaskhArabic" in fonts


def test_the_printable_letter_is_on_the_letterhead_in_the_letter_language(client, persian_letter):
    content = client.get(f"/en/network/letters/{persian_letter.pk}/print/").content.decode()
    assert '<html lang="fa" dir="rtl">' in content
    assert 'class="letterhead"' in content
    assert "اتحاد بین‌المللی در حمایت از کارگران در ایران" in content
    assert "/static/network/letter.css" in content
    assert "<script" not in content and "http" not in content.replace("http-equiv", "")


def test_a_pdf_loads_nothing_from_another_host(aptuf_letter):
    from solidarity.core.pdf import static_files_fetcher

    with pytest.raises(ValueError):
        static_files_fetcher().fetch("https://example.org/font.woff2")
    assert static_files_fetcher().fetch("http://letter.internal/static/network/letter.css").read().startswith(b"/*")
