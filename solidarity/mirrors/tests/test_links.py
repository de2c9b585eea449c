"""Where a live address lives in a baked folder, and the relative link to it."""

from solidarity.mirrors.services.links import Origin, file_for, relative_link


def test_a_page_address_becomes_its_index_file():
    assert file_for("/en/about-us/") == "en/about-us/index.html"
    assert file_for("/fa/news/%D8%A7%D8%AE%D8%A8%D8%A7%D8%B1/") == "fa/news/اخبار/index.html"


def test_a_filtered_list_gets_one_file_whatever_the_order_of_its_query():
    assert file_for("/en/network/resolutions/", "year=2012&country=CA") == file_for(
        "/en/network/resolutions/", "country=CA&year=2012") == "en/network/resolutions/index.country-CA_year-2012.html"


def test_a_persian_tag_in_a_query_keeps_a_readable_file_name():
    assert file_for("/fa/news/", "tag=زنان-کارگر") == "fa/news/index.tag-زنان-کارگر.html"


def test_an_article_download_is_its_offline_file():
    assert file_for("/en/news/strike/", "download=") == "en/news/strike/offline.html"


def test_a_feed_or_pdf_at_a_slash_address_gets_a_file_name_with_its_extension():
    assert file_for("/en/feeds/rss/", "", "application/rss+xml; charset=utf-8") == "en/feeds/rss.xml"
    assert file_for("/en/network/letters/1/pdf/", "", "application/pdf") == "en/network/letters/1/pdf.pdf"


def test_files_keep_their_own_names():
    assert file_for("/static/css/site.css", "", "text/css") == "static/css/site.css"
    assert file_for("/sitemap.xml", "", "application/xml") == "sitemap.xml"


def test_a_path_cannot_climb_out_of_the_folder():
    assert file_for("/en/../../etc/passwd", "", "text/plain") == "en/etc/passwd.txt"


def test_links_are_relative_and_name_the_file_so_they_work_from_file_urls():
    assert relative_link("en/news/strike/index.html", "en/about-us/index.html") == "../../about-us/index.html"
    assert relative_link("en/index.html", "static/css/site.css") == "../static/css/site.css"
    assert relative_link("index.html", "fa/news/اخبار/index.html", "top") == (
        "fa/news/%D8%A7%D8%AE%D8%A8%D8%A7%D8%B1/index.html#top")


def test_the_origin_recognises_its_own_addresses_and_leaves_other_hosts_alone():
    origin = Origin(["solidarity.example", "abc.onion"])
    assert origin.own_path("/en/news/", "https://solidarity.example/en/about-us/") == ("/en/about-us/", "", "")
    assert origin.own_path("/en/news/", "http://abc.onion/fa/") == ("/fa/", "", "")
    assert origin.own_path("/en/news/", "?page=2") == ("/en/news/", "page=2", "")
    assert origin.own_path("/static/css/site.css", "../fonts/v.woff2") == ("/static/fonts/v.woff2", "", "")
    assert origin.own_path("/en/news/", "https://cupe.ca/") is None
    assert origin.own_path("/en/news/", "mailto:info@example.org") is None
    assert origin.own_path("/en/news/", "#main") is None
