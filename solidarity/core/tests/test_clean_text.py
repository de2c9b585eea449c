from solidarity.core.text import ZWNJ, clean_line, clean_text, has_hidden_controls


def test_a_right_to_left_override_is_removed_so_a_name_prints_as_typed():
    assert clean_line("gnp\u202e.exe") == "gnp.exe"


def test_every_bidi_embedding_isolate_and_mark_is_removed():
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
        assert clean_line(f"a{control}b") == "ab", repr(control)


def test_zero_width_spaces_joiners_and_byte_order_marks_are_removed():
    for control in "\u200b\u200d\u2060\ufeff":
        assert clean_line(f"Reza{control}i") == "Rezai", repr(control)


def test_a_zero_width_non_joiner_between_persian_letters_is_kept():
    assert clean_line(f"می{ZWNJ}خواهم") == f"می{ZWNJ}خواهم"


def test_a_zero_width_non_joiner_outside_persian_is_removed():
    assert clean_line(f"Ali{ZWNJ}Reza") == "AliReza"
    assert clean_line(f"{ZWNJ}علی") == "علی"
    assert clean_line(f"علی{ZWNJ}") == "علی"


def test_line_breaks_and_control_characters_in_a_line_become_single_spaces():
    assert clean_line("Ali\nReza\t\x00 Karimi  ") == "Ali Reza Karimi"


def test_a_message_keeps_its_line_breaks_but_loses_hidden_controls():
    assert clean_text("Dear\u202e friends,\r\n\r\nfree them") == "Dear friends,\n\nfree them"


def test_empty_text_stays_empty():
    assert clean_line("") == "" and clean_line(None) == "" and clean_text("") == ""


def test_hidden_controls_are_detected_and_plain_text_is_not():
    assert has_hidden_controls("a\u202eb")
    assert not has_hidden_controls(f"می{ZWNJ}خواهم Ali")


def test_line_and_paragraph_separators_become_spaces():
    assert clean_line("Ali\u2028Reza\u2029Karimi") == "Ali Reza Karimi"


def test_other_invisible_format_characters_such_as_the_soft_hyphen_are_removed():
    assert clean_line("Ka\u00adrimi\u2063") == "Karimi"


def test_a_message_from_an_old_mac_keeps_its_line_breaks():
    assert clean_text("Dear friends,\rfree them\r") == "Dear friends,\nfree them"


def test_a_message_loses_its_leading_and_trailing_blank_lines():
    assert clean_text("\n\n  \nfree them\n\n") == "free them"


def test_a_zero_width_non_joiner_is_judged_by_the_letters_right_beside_it():
    assert clean_line(f"Aب{ZWNJ}پA") == f"Aب{ZWNJ}پA"
    assert clean_line(f"ب{ZWNJ}پ") == f"ب{ZWNJ}پ"
    assert clean_line(f"علی{ZWNJ}Reza") == "علیReza"
    assert clean_line(f"Ali{ZWNJ}رضا") == "Aliرضا"


def test_a_zero_width_non_joiner_after_a_vowel_mark_is_kept():
    assert clean_line(f"بَ{ZWNJ}پ") == f"بَ{ZWNJ}پ"
