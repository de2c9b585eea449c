"""Articles by e-mail: a reader whose links are blocked writes to MAILREPLY_ADDRESS and gets an
article in the reply's body (see asks.py for what may be asked, letters.py for what is never
answered).

What counts as answered: a letter is removed from the mailbox once its reply was handed to
the mail server, or once it was found not to be answered (a bounce, an auto-reply, a list, a
reader over the limit, a letter that cannot be read). A mail server that is down leaves the
letter where it is for the next run.

Privacy: the reader's address is held in memory while the letter is answered, then forgotten.
Nothing is stored or logged but counts; the per-sender limit is a counter in the cache under a
keyed hash of the address (solidarity.core.login.keyed), gone when its window ends; the letter
itself is deleted from the mailbox.
"""

import imaplib
import logging
import mailbox
from collections import Counter
from email.utils import formataddr
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.mail import get_connection
from django.utils import formats, translation

from solidarity.core import dates, mail, security
from solidarity.core.i18n import is_persian
from solidarity.core.login import keyed
from solidarity.core.mailboxes import mailbox_key
from solidarity.core.onion import onion_url
from solidarity.core.text import to_persian_digits
from solidarity.publishing.models import ArticlePage
from solidarity.search.services import SearchQuery, describe_results, search_pages

from .asks import understand
from .bodies import render_body
from .letters import read_letter

logger = logging.getLogger(__name__)

# Letters read in one run; the rest wait for the next.
MAX_LETTERS_PER_RUN = 200
OTHER_ARTICLES = 5


def answer_letters(*, maildir="", imap_url=""):
    """Answers every letter waiting in the Maildir or the IMAP mailbox; returns the counts."""
    counts = Counter()
    connection = get_connection()
    letters = _maildir_letters(maildir) if maildir else _imap_letters(imap_url) if imap_url else iter(())
    try:
        for raw, remove in letters:
            outcome = answer_letter(raw=raw, connection=connection)
            counts[outcome] += 1
            if outcome == "held":
                break  # the mail server is down: the letter waits, and so do the others
            remove()
    finally:
        connection.close()
    if counts:
        logger.info("Letters read: %s", ", ".join(f"{name} {number}" for name, number in sorted(counts.items())))
    return counts


def answer_letter(*, raw, connection=None):
    """Reads one letter and answers it; returns what became of it ("article", "help", "not found",
    "limited", "held", "failed", or why it was not answered)."""
    letter = read_letter(raw)
    if letter.skipped:
        return letter.skipped
    # Counted by mailbox: name+tag@ and dotted Gmail spellings reach the same person.
    if not security.hit(keyed("mailreply", mailbox_key(letter.sender)), limit=settings.MAILREPLY_LIMIT,
                        window_seconds=settings.MAILREPLY_WINDOW_SECONDS):
        return "limited"
    # The first line that finds an article wins ("Hello" in the subject, "latest" below it).
    asks = understand(letter.words)
    ask, article, others = asks[0], None, []
    for candidate in asks:
        article, others = find_article(candidate)
        if article is not None:
            break
    if article is not None:
        message, outcome = article_message(article, others=others, to=letter.sender), "article"
    else:
        message, outcome = help_message(ask, to=letter.sender), "help" if ask.kind == "help" else "not found"
    message.connection = connection
    _reply_headers(message, letter)
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - sorted by core.mail's one policy
        return "failed" if mail.fails_alone(error) else "held"
    return outcome


def _live_articles():
    return ArticlePage.objects.live().public().select_related("locale")


def latest_articles(language, *, exclude=None, count=OTHER_ARTICLES):
    articles = _live_articles().filter(locale__language_code=language).order_by("-date", "-pk")
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return list(articles[:count])


def find_article(ask):
    """The article a reader asked for, and a few others to offer (None when there is none)."""
    article, others = None, None
    if ask.kind == "latest":
        found = latest_articles(ask.language, count=OTHER_ARTICLES + 1) or latest_articles(
            "en" if ask.language == "fa" else "fa", count=OTHER_ARTICLES + 1)
        article, others = (found[0], found[1:]) if found else (None, [])
    elif ask.kind == "number":
        article = _live_articles().filter(pk=int(ask.value)).first()
    elif ask.kind == "address":
        article = _article_at(ask.value)
    elif ask.kind == "search":
        found = _search(ask.value, ask.language) or _search(ask.value, None)
        article, others = (found[0], found[1:OTHER_ARTICLES + 1]) if found else (None, [])
    if article is not None and others is None:
        others = latest_articles(article.locale.language_code, exclude=article)
    return article, others or []


def _article_at(path):
    slug = path.rstrip("/").rpartition("/")[2]
    for article in _live_articles().filter(slug=slug):
        parts = article.get_url_parts()
        if parts and parts[2] and unquote(parts[2]) == path:
            return article
    return None


def _search(words, language):
    pages = search_pages(query=SearchQuery.parse(words), language_code=language)[:30]
    return [result.page for result in describe_results(pages) if isinstance(result.page, ArticlePage)]


def reading_places(path):
    """Where the reader can read `path` when the site is blocked: the onion and the mirrors."""
    places = []
    if onion_url():
        places.append(("onion", onion_url(path)))
    for mirror in mirror_addresses():
        places.append(("mirror", mirror.rstrip("/") + "/" + mirror_file(path)))
    return places


def mirror_addresses():
    """The mirrors from MIRROR_ADDRESSES and from the Mirrors page's list, each once."""
    addresses = list(settings.MIRROR_ADDRESSES)
    # The mirrors app is young: without it, MIRROR_ADDRESSES alone.
    if apps.is_installed("solidarity.mirrors"):
        from solidarity.mirrors.services.addresses import mirror_addresses as listed

        addresses += listed().mirrors
    seen = []
    for address in addresses:
        if address.startswith(("https://", "http://")) and address not in seen:
            seen.append(address)
    return seen


def mirror_file(path):
    """The file a baked copy holds for a page's path ("en/news/slug/index.html")."""
    if not apps.is_installed("solidarity.mirrors"):
        return path.lstrip("/")
    from solidarity.mirrors.services.links import file_for

    return file_for(path)


def date_text(value, language):
    if is_persian(language):
        return f"{dates.jalali(value)} ({dates.gregorian_fa(value)})"
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def number_text(number, language):
    return to_persian_digits(str(number)) if is_persian(language) else str(number)


def _listed(article, language):
    return {"number": number_text(article.pk, language), "title": article.title,
            "date": date_text(article.date, language)}


def article_message(article, *, others, to):
    language = article.locale.language_code
    path = unquote(article.get_url_parts()[2])
    body = render_body(article.body, image_budget=settings.MAILREPLY_IMAGE_BYTES, onion_url=onion_url())
    home = article.get_ancestors().filter(depth=2).first()
    context = {
        "article": article, "number": number_text(article.pk, language), "date": date_text(article.date, language),
        "site_name": home.title if home else settings.WAGTAIL_SITE_NAME,
        "body": body, "places": reading_places(path), "others": [_listed(other, language) for other in others],
        "address": settings.MAILREPLY_ADDRESS,
    }
    message = mail.render_message("mailreply/article", language=language, to=[to], context=context)
    if body.images:
        # The pictures sit beside the HTML they are shown in (multipart/related, RFC 2387).
        message.mixed_subtype = "related"
        for image in body.images:
            message.attach(image)
    return message


def help_message(ask, *, to):
    parts = [("en", "ltr", "42"), ("fa", "rtl", to_persian_digits("42"))]
    if is_persian(ask.language):
        parts.reverse()  # the reader's language first
    context = {"ask": ask, "address": settings.MAILREPLY_ADDRESS, "places": reading_places("/"), "parts": parts}
    return mail.render_message("mailreply/help", language=ask.language, to=[to], context=context)


def _reply_headers(message, letter):
    message.from_email = formataddr((settings.WAGTAIL_SITE_NAME, settings.MAILREPLY_ADDRESS or settings.DEFAULT_FROM_EMAIL))
    # RFC 3834: an automatic answer says so, so that no other machine answers it back.
    message.extra_headers["Auto-Submitted"] = "auto-replied"
    message.extra_headers["X-Auto-Response-Suppress"] = "All"
    if letter.message_id.startswith("<") and letter.message_id.endswith(">"):
        message.extra_headers["In-Reply-To"] = letter.message_id
        message.extra_headers["References"] = letter.message_id


def _maildir_letters(path):
    box = mailbox.Maildir(path, factory=None, create=False)
    # Oldest first: a Maildir name begins with the time of delivery.
    for number, key in enumerate(sorted(box.iterkeys())):
        if number >= MAX_LETTERS_PER_RUN:
            return
        try:
            raw = box.get_bytes(key)
        except (KeyError, FileNotFoundError):  # another run took it
            continue
        yield raw, lambda key=key: box.discard(key)


def _imap_letters(url):
    """Letters over IMAP (imaps://user:password@host:993/INBOX, or imap:// with STARTTLS)."""
    address = urlsplit(url)
    if address.scheme == "imaps":
        imap = imaplib.IMAP4_SSL(address.hostname, address.port or 993, timeout=60)
    else:
        imap = imaplib.IMAP4(address.hostname, address.port or 143, timeout=60)
        if address.hostname not in ("localhost", "127.0.0.1", "::1"):
            imap.starttls()  # a password never crosses the network in clear
    try:
        imap.login(unquote(address.username or ""), unquote(address.password or ""))
        imap.select(unquote(address.path.lstrip("/")) or "INBOX")
        _status, found = imap.uid("SEARCH", None, "NOT DELETED")
        for uid in (found[0] or b"").split()[:MAX_LETTERS_PER_RUN]:
            _status, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), b"")
            yield raw, lambda uid=uid: imap.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
        imap.expunge()
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
