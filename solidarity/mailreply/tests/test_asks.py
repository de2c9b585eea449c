"""What a reader's words ask for, in English or Persian."""

import pytest

from solidarity.mailreply.asks import Ask, understand


@pytest.mark.parametrize("words, first", [
    ("latest", Ask("latest", language="en")),
    ("Send me the latest article please", Ask("latest", language="en")),
    ("LATEST!", Ask("latest", language="en")),
    ("آخرین", Ask("latest", language="fa")),
    ("تازه ترین مقاله را بفرستید", Ask("latest", language="fa")),
    ("آخرين", Ask("latest", language="fa")),  # typed with an Arabic yeh
    ("42", Ask("number", "42", language="en")),
    ("#42", Ask("number", "42", language="en")),
    ("Article no. 42", Ask("number", "42", language="en")),
    ("مقاله ۴۲", Ask("number", "42", language="fa")),
    ("شماره ٤٢", Ask("number", "42", language="fa")),
    ("https://solidarity.example.org/fa/news/%D9%82%D8%B7%D8%B9%D9%86%D8%A7%D9%85%D9%87/",
     Ask("address", "/fa/news/قطعنامه/", language="en")),
    ("see http://abc.onion/en/news/cupe-ontario/index.html thanks", Ask("address", "/en/news/cupe-ontario/", language="en")),
    ("en/news/cupe-ontario", Ask("address", "/en/news/cupe-ontario/", language="en")),
    ("help", Ask("help", language="en")),
    ("راهنما", Ask("help", language="fa")),
    ("news about the strike", Ask("search", "about strike", language="en")),
    ("سلام\nخبر اعتصاب", Ask("search", "اعتصاب", language="fa")),
    ("", Ask("help", language="en")),
    ("!!! ???", Ask("help", language="en")),
])
def test_a_readers_words_are_understood(words, first):
    assert understand(words)[0] == first


def test_each_line_is_a_request_in_its_order():
    assert understand("Hello there\nlatest") == [Ask("search", "there", language="en"), Ask("latest", language="en")]
