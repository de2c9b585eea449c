from solidarity.core.text import (
    MAX_QUERY_TERMS,
    english_singular,
    normalise_for_search,
    persian_stems,
    search_document,
    search_terms,
    to_latin_digits,
    to_persian_digits,
)


def test_arabic_yeh_and_alef_maksura_become_persian_yeh():
    assert normalise_for_search("ايران") == "ایران"
    assert normalise_for_search("مصطفى") == "مصطفی"


def test_arabic_kaf_becomes_persian_kaf():
    assert normalise_for_search("كارگر") == "کارگر"


def test_teh_marbuta_and_heh_with_yeh_become_heh():
    assert normalise_for_search("فاطمة") == "فاطمه"
    assert normalise_for_search("خانۀ کارگر") == "خانه کارگر"


def test_alef_with_hamza_or_madda_becomes_bare_alef():
    assert normalise_for_search("أسد إبراهيم آزادی") == "اسد ابراهیم ازادی"


def test_hamza_on_waw_and_yeh_is_dropped_to_the_bare_letter():
    assert normalise_for_search("مؤسسه") == "موسسه"
    assert normalise_for_search("مسئول") == "مسیول"


def test_zero_width_non_joiner_is_removed_so_the_word_reads_joined():
    assert normalise_for_search("می\u200cخواهیم") == "میخواهیم"
    assert normalise_for_search("بین\u200cالمللی") == "بینالمللی"


def test_zero_width_joiner_bidi_marks_and_soft_hyphen_are_removed():
    assert normalise_for_search("\u200fکار\u200dگر\u200e") == "کارگر"
    assert normalise_for_search("soli\u00addarity") == "solidarity"


def test_tatweel_is_removed():
    assert normalise_for_search("کـــارگـر") == "کارگر"


def test_arabic_harakat_are_removed():
    assert normalise_for_search("مُحَمَّد") == "محمد"
    assert normalise_for_search("كِتابٌ") == "کتاب"


def test_persian_and_arabic_indic_digits_become_latin_digits():
    assert normalise_for_search("۱۳۹۱") == "1391"
    assert normalise_for_search("٢٠١٢") == "2012"
    assert to_latin_digits("۲۳ May ٢٠١٢") == "23 May 2012"


def test_latin_digits_become_persian_digits_for_display():
    assert to_persian_digits("Page 12 of 30") == "Page ۱۲ of ۳۰"
    assert to_persian_digits(2012) == "۲۰۱۲"


def test_latin_accents_are_removed():
    assert normalise_for_search("Café naïve Ørsted Łódź") == "cafe naive ørsted łodz"
    assert normalise_for_search("Confédération générale du travail") == "confederation generale du travail"


def test_case_is_folded():
    assert normalise_for_search("CUPE Ontario") == "cupe ontario"
    assert normalise_for_search("Straße") == "strasse"


def test_presentation_forms_become_ordinary_letters():
    assert normalise_for_search("ﻙﺎﺭﮔﺮ") == "کارگر"


def test_punctuation_separates_words_in_every_script():
    assert normalise_for_search("سلام، «کارگر»؟ کار؛ worker-to-worker (CUPE).") == "سلام کارگر کار worker to worker cupe"


def test_apostrophes_do_not_split_a_word():
    assert normalise_for_search("Iran’s workers' union") == "irans workers union"


def test_runs_of_space_become_one_space():
    assert normalise_for_search("  a\t\n b\u00a0 c ") == "a b c"


def test_empty_text_folds_to_nothing():
    assert normalise_for_search("") == ""
    assert normalise_for_search(None) == ""
    assert search_terms("  ،؟ !! ") == []


def test_arabic_and_persian_typing_of_one_sentence_fold_alike():
    persian = "کمیته‌ی همبستگی با کارگران ایران ۱۳۹۱"
    arabic = "كميتهي همبستگي با كارگران ايران ١٣٩١"
    assert normalise_for_search(persian) == normalise_for_search(arabic)


def test_english_plurals_become_singular():
    assert english_singular("workers") == "worker"
    assert english_singular("activities") == "activity"
    assert english_singular("churches") == "church"
    assert english_singular("boxes") == "box"
    assert english_singular("classes") == "class"


def test_words_that_only_look_plural_are_kept():
    assert english_singular("news") == "news"
    assert english_singular("status") == "status"
    assert english_singular("analysis") == "analysis"
    assert english_singular("was") == "was"
    assert english_singular("کارگران") == "کارگران"


def test_the_indexed_text_has_joined_and_separate_spellings_of_a_zwnj_word():
    words = search_document("می\u200cخواهیم").split()
    assert "میخواهیم" in words
    assert {"می", "خواهیم"} <= set(words)


def test_the_indexed_text_joins_an_affix_written_with_a_space():
    words = search_document("آن ها می خواهند").split()
    assert "انها" in words
    assert "میخواهند" in words


def test_the_indexed_text_has_english_words_in_the_singular():
    assert search_document("Workers' unions") == "worker union"


def test_query_terms_are_folded_like_the_indexed_text():
    document = search_document("سندیکای کارگران شرکت واحد، ۱۳۹۱")
    for query in ["سنديكاي كارگران", "شرکت واحد ١٣٩١", "1391"]:
        assert set(search_terms(query)) <= set(document.split())


def test_query_terms_are_not_repeated_and_are_limited_in_number():
    assert search_terms("worker workers WORKER") == ["worker"]
    many = " ".join(f"word{n}" for n in range(40))
    assert len(search_terms(many)) == MAX_QUERY_TERMS


def test_query_operators_and_quotes_are_plain_words():
    assert search_terms('"union" OR NOT near* \'x\'') == ["union", "or", "not", "near", "x"]


def test_persian_plurals_are_indexed_with_their_singular_beside_them():
    words = search_document("کارگران کتاب‌ها اطلاعات فعالین").split()
    assert {"کارگران", "کارگر", "کتابها", "کتاب", "اطلاعات", "اطلاع", "فعالین", "فعال"} <= set(words)


def test_ezafe_and_adjective_endings_are_indexed_without_the_final_yeh():
    assert persian_stems("سندیکای") == ["سندیکا"]
    assert persian_stems("کارگری") == ["کارگر"]
    assert persian_stems("کارگرانی") == ["کارگران", "کارگر"]
    assert persian_stems("کتابهای") == ["کتاب"]


def test_short_persian_words_and_latin_words_are_not_cut():
    assert persian_stems("حیات") == []
    assert persian_stems("شان") == []
    assert persian_stems("علی") == []
    assert persian_stems("workers") == []
