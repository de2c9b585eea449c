"""Records that are not pages (campaigns, public cases, organisations, resolutions, events,
letters, newsletter issues), offered to site search by the app that owns them, each through its
`services.searchable_records(language)`.

A record gives its public words only, in both languages (a reader finds a record by its English
or its Persian words whichever site they read), folded exactly as the pages are
(`core.text.search_document`), and what a result shows in the reader's language.
"""

import datetime
import functools
from dataclasses import dataclass, field

from solidarity.core.text import search_document

# A query word in the title counts this many times a word found elsewhere.
TITLE_WEIGHT = 3


@dataclass
class SearchRecord:
    kind: str  # what the record is, in the reader's language ("Campaign", "Resolution")
    title: str  # in the reader's language when written, else the other (a core.bilingual.Text)
    url: str
    language: str = ""  # the language of `title` and `summary` ("en"/"fa")
    summary: str = ""
    date: datetime.date | None = None
    titles: tuple = ()  # the title in every language, for ranking
    key: str = ""  # the same for the record's versions in each language ("campaign:12"): the sitemap pairs them
    words: str = ""  # every public word of the record, both languages
    _folded: tuple = field(default=(), repr=False)

    def folded(self):
        """(title words, all words) as sets of folded words, computed once."""
        if not self._folded:
            titles = " ".join(str(title) for title in (*self.titles, self.title) if title)
            title_words = _folded_words(titles)
            self._folded = (title_words, title_words | _folded_words(self.words))
        return self._folded


# Folding is the costly part of matching records, and their texts rarely change: each text's
# words are kept by the text itself (a changed record is a new text), a few thousand at most.
@functools.lru_cache(maxsize=4096)
def _folded_words(text):
    return frozenset(search_document(text).split())


def record_words(*values):
    """The public words of a record from its fields (either language, any may be empty)."""
    return " ".join(str(value) for value in values if value)


def matching(records, terms):
    """The records holding every folded term, best first: more of the words in the title, then
    the newest."""
    terms = list(terms)
    if not terms:
        return []
    found = []
    for record in records:
        title_words, words = record.folded()
        if all(term in words for term in terms):
            score = sum(TITLE_WEIGHT if term in title_words else 1 for term in terms)
            found.append((score, record.date or datetime.date.min, record))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [record for _score, _date, record in found]
