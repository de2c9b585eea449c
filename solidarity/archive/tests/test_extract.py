"""Dates, organisations and kinds read from old documents (pure functions)."""

import datetime

from solidarity.archive import classify
from solidarity.archive.extract import find_dates, organisations_in


def _dates(text):
    return [(d.start, d.end) for d in find_dates(text)]


def test_dates_in_the_forms_of_the_old_site_are_read():
    assert _dates("the Convention, May 23-26, 2012 adopted") == [(datetime.date(2012, 5, 23), datetime.date(2012, 5, 26))]
    assert _dates("Held in Mumbai 19-21 January, 2008") == [(datetime.date(2008, 1, 19), datetime.date(2008, 1, 21))]
    assert _dates("January 14, 2008") == [(datetime.date(2008, 1, 14), None)]
    assert _dates("from November 29 - December 3, 2010") == [(datetime.date(2010, 11, 29), datetime.date(2010, 12, 3))]


def test_jalali_dates_written_in_persian_are_converted_to_gregorian():
    assert _dates("تهران، ۲۴ دی ۱۳۸۶") == [(datetime.date(2008, 1, 14), None)]
    assert _dates("۳ خرداد ۱۳۹۱") == [(datetime.date(2012, 5, 23), None)]


def test_organisations_are_matched_by_acronym_and_new_ones_proposed():
    directory = [{"id": 7, "names": ["All Pakistan Trade Union Federation"], "acronyms": ["APTUF"]}]
    found = organisations_in("greetings to APTUF and the Canadian Labour Congress (CLC).", directory)
    assert found[0] == {"id": 7, "name": "All Pakistan Trade Union Federation", "new": False}
    assert found[1]["name"] == "Canadian Labour Congress" and found[1]["new"] and found[1]["country"] == "CA"


def test_language_is_told_by_script():
    assert classify.detect_language("بیانیه اتحاد بین‌المللی with IASWI") == "fa"
    assert classify.detect_language("Statement of the alliance") == "en"


def test_kinds_of_documents_are_told_apart():
    assert classify.classify("Dear Comrades,\n\nWe send greetings.\n\nIn solidarity,")[0] == "letter"
    assert classify.classify("Resolution No. 4\n\nCUPE will:\n\n- act")[0] == "resolution"
    assert classify.classify("In this issue:\n- news", title="IASWI Newsletter, Vol. 1, No. 1")[0] == "newsletter"
    assert classify.classify("We strongly condemn the arrests.", title="Statement on arrests")[0] == "statement"
    assert classify.classify("Workers gathered in Tehran on Monday to protest unpaid wages. " * 5)[0] == "news"


def test_a_news_item_mentioning_a_solidarity_message_is_not_taken_for_a_letter():
    text = "کارگران دست به اعتصاب زدند. اتحادیه‌های کارگری در کشورهای دیگر پیام همبستگی فرستادند. " * 3
    assert classify.classify(text, title="خبر اعتصاب")[0] == "news"
