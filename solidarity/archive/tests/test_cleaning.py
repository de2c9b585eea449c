"""Cleaning the old site's text: pure functions, checked on the two documents of the old site."""

from solidarity.archive import cleaning
from solidarity.network import legacy

from .conftest import LEGACY


def _clean(name):
    return cleaning.clean((LEGACY / name).read_text())


def test_navigation_site_title_and_copyright_are_removed_from_the_cupe_page():
    cleaned = _clean("000_ea340a58f3985f13.txt")
    text = cleaned.text
    for gone in ("About Us", "Our objectives", "Contact Us", "© 2003", "(IASWI)"):
        assert gone not in text
    assert cleaned.paragraphs()[0] == "CUPE Ontario adopted a strong resolution in solidarity with workers in Iran"


def test_odd_bullets_become_list_items_with_the_clauses_exact_text():
    blocks = _clean("000_ea340a58f3985f13.txt").blocks
    items = [block.text for block in blocks if block.kind == "li"]
    assert items == legacy.CUPE_COMMITMENTS + legacy.CUPE_CONSIDERATIONS
    # The considerations start after a wider gap than the one between clauses.
    assert [block.gap > 2 for block in blocks if block.kind == "li"] == [False] * 3 + [True] + [False] * 3


def test_a_lost_address_is_counted_not_kept_as_text():
    cleaned = _clean("000_ea340a58f3985f13.txt")
    assert cleaned.lost_addresses == 1
    assert "protected" not in cleaned.text


def test_the_pdf_layout_with_a_blank_line_after_every_line_reflows_into_the_letters_paragraphs():
    paragraphs = _clean("001_7b632b9c3ca00494.txt").paragraphs()
    assert paragraphs[1] == "Dear Comrades;"
    assert paragraphs[2:8] == legacy.APTUF_BODY.split("\n\n")
    assert paragraphs[-4:] == [
        "Log live workers’ international solidarity", "Best wishes for all of you!",
        "International Alliance in Support of Workers in Iran (IASWI)", "January 14, 2008",
    ]


def test_words_broken_across_lines_are_joined_but_real_compounds_keep_their_hyphen():
    text = "They are anti-\nimperialist and broad-\nbased, with organi-\nzations and soli-\ndarity of the ever-\ngrowing\nworker-to-worker movement.\n"
    assert cleaning.clean(text).text == (
        "They are anti-imperialist and broad-based, with organizations and solidarity of the ever-growing "
        "worker-to-worker movement."
    )


def test_a_hyphenated_word_seen_whole_elsewhere_in_the_text_is_joined():
    text = "Some workers said some-\nthing, and something else was said by others in the hall that day.\n"
    assert "something, and something" in cleaning.clean(text).text


def test_navigation_on_one_line_and_menus_repeated_across_pages_are_removed():
    pages = [f"Home | About Us | Contact Us\nIASWI Bulletin board\nPage {n} text that is all different.\n" for n in range(4)]
    repeated = cleaning.repeated_lines(pages)
    assert "IASWI Bulletin board" in repeated
    assert cleaning.clean(pages[0], repeated=repeated).text == "Page 0 text that is all different."


def test_bullets_of_every_kind_are_normalised_to_list_items():
    text = "Demands:\n\n• Free them\n\n* Drop the charges\n\n- Reinstate the workers\n\n· Pay the wages\n"
    blocks = cleaning.clean(text).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("p", "Demands:"), ("li", "Free them"), ("li", "Drop the charges"), ("li", "Reinstate the workers"),
        ("li", "Pay the wages"),
    ]
