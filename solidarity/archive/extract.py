"""What an old document says, as fields: title, dates, organisations, and the parts of a
resolution, letter or newsletter. Pure functions over cleaned blocks; the database is only
seen through a `directory` of known organisations passed in.
"""

import datetime
import re
from dataclasses import dataclass

import jdatetime
from django.utils.translation import gettext as _

from solidarity.core.dates import GREGORIAN_MONTHS_FA, JALALI_MONTHS

from . import classify as kinds
from .cleaning import DATE_LINE

MONTHS = {name: i + 1 for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DASH = r"\s*(?:-|–|—|to)\s*"
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_FA_NUMBER = r"([۰-۹٠-٩\d]{1,2})"
_FA_YEAR = r"([۰-۹٠-٩\d]{4})"

DATE_PATTERNS = [
    ("md-mdy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:{_DASH}|\s+){_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)),
    ("md-dy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_DASH}(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)),
    ("d-dmy", re.compile(rf"\b(\d{{1,2}}){_DASH}(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}})\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.I)),
    ("fa", re.compile(
        rf"(?<!\S){_FA_NUMBER}(?:\s*(?:-|–|تا)\s*{_FA_NUMBER})?\s+"
        rf"({'|'.join(JALALI_MONTHS + GREGORIAN_MONTHS_FA + ['می', 'ژوئیه'])})(?:\s*ماه)?\s+{_FA_YEAR}(?!\d)"
    )),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
]


@dataclass
class DateMention:
    start: datetime.date
    end: datetime.date | None
    text: str
    position: int
    calendar: str = "gregorian"


def _month(name):
    return MONTHS[name.lower().rstrip(".")]


def _fa_date(day, month_name, year):
    day, year = int(day.translate(_DIGITS)), int(year.translate(_DIGITS))
    if month_name in JALALI_MONTHS and 1200 < year < 1500:
        return jdatetime.date(year, JALALI_MONTHS.index(month_name) + 1, day).togregorian(), "jalali"
    names = GREGORIAN_MONTHS_FA + ["می", "ژوئیه"]
    month = names.index(month_name) + 1 if month_name in GREGORIAN_MONTHS_FA else {"می": 5, "ژوئیه": 7}[month_name]
    return datetime.date(year, month, day), "gregorian"


def find_dates(text):
    """Every date or date range in `text`, in order of appearance."""
    found, taken = [], []
    for form, pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            g = match.groups()
            try:
                calendar = "gregorian"
                if form == "md-mdy":
                    year = int(g[4])
                    start = datetime.date(year - (_month(g[0]) > _month(g[2])), _month(g[0]), int(g[1]))
                    end = datetime.date(year, _month(g[2]), int(g[3]))
                elif form == "md-dy":
                    month, year = _month(g[0]), int(g[3])
                    start, end = datetime.date(year, month, int(g[1])), datetime.date(year, month, int(g[2]))
                elif form == "d-dmy":
                    month, year = _month(g[2]), int(g[3])
                    start, end = datetime.date(year, month, int(g[0])), datetime.date(year, month, int(g[1]))
                elif form == "mdy":
                    start, end = datetime.date(int(g[2]), _month(g[0]), int(g[1])), None
                elif form == "dmy":
                    start, end = datetime.date(int(g[2]), _month(g[1]), int(g[0])), None
                elif form == "iso":
                    start, end = datetime.date(int(g[0]), int(g[1]), int(g[2])), None
                else:
                    start, calendar = _fa_date(g[0], g[2], g[3])
                    end = _fa_date(g[1], g[2], g[3])[0] if g[1] else None
            except (ValueError, KeyError):
                continue
            taken.append((match.start(), match.end()))
            found.append(DateMention(start, end, match.group(0), match.start(), calendar))
    return sorted(found, key=lambda mention: mention.position)


# --- organisations -------------------------------------------------------------------------

ORG_WORDS = (r"Union|Federation|Confederation|Congress|Alliance|Committee|Council|Association|Employees|Workers|"
             r"Syndicate|Network|Coalition|Local|Centre|Center|Labour|Labor|Organi[sz]ation|Guild|Caucus|Party|"
             r"Amnesty|Solidarity|Society|Club|League|Front")
FA_ORG_WORDS = r"اتحادیه|سندیکا|فدراسیون|کنفدراسیون|کنگره|اتحاد|کمیته|شورا|انجمن|کانون|سازمان"
_CAP = r"[A-Z][\w’'&.\-]*"
_LINK = r"(?:of|in|for|and|the|de|du|des|des|to|on)"
NAMED_WITH_ACRONYM = re.compile(
    rf"((?:{_CAP}\s+)(?:(?:{_LINK}\s+)*{_CAP}\s+)*?)\(([A-Z][A-Za-z\-]{{1,12}})\)"
)
_COUNTRIES = {
    "canada": "CA", "canadian": "CA", "ontario": "CA", "quebec": "CA", "québec": "CA", "british columbia": "CA",
    "alberta": "CA", "toronto": "CA", "vancouver": "CA", "pakistan": "PK", "india": "IN", "mumbai": "IN",
    "britain": "GB", "british": "GB", "uk": "GB", "scotland": "GB", "london": "GB", "france": "FR", "french": "FR",
    "paris": "FR", "germany": "DE", "german": "DE", "berlin": "DE", "sweden": "SE", "swedish": "SE",
    "norway": "NO", "norwegian": "NO", "denmark": "DK", "danish": "DK", "australia": "AU", "australian": "AU",
    "new zealand": "NZ", "usa": "US", "american": "US", "united states": "US", "iran": "IR", "iranian": "IR",
    "tehran": "IR", "turkey": "TR", "italy": "IT", "italian": "IT", "spain": "ES", "belgium": "BE",
    "brussels": "BE", "geneva": "CH", "switzerland": "CH", "netherlands": "NL", "dutch": "NL", "ireland": "IE",
    "irish": "IE", "south africa": "ZA", "brazil": "BR", "korea": "KR", "korean": "KR", "japan": "JP",
    "کانادا": "CA", "ایران": "IR", "تهران": "IR", "سوئد": "SE", "آلمان": "DE", "فرانسه": "FR", "انگلستان": "GB",
}


def guess_country(text):
    lowered = text.lower()
    for place, code in _COUNTRIES.items():
        if re.search(rf"(?<!\w){re.escape(place)}(?!\w)", lowered):
            return code
    return ""


def guess_kind(name):
    lowered = name.lower()
    for words, kind in [
        (("confederation", "کنفدراسیون"), "confederation"), (("federation", "فدراسیون"), "federation"),
        (("local ", "شاخه"), "local"), (("committee", "کمیته"), "committee"),
        (("union", "employees", "syndicate", "سندیکا", "اتحادیه"), "union"), (("amnesty", "watch"), "ngo"),
        (("labour organization", "labour organisation"), "intergovernmental"),
    ]:
        if any(word in lowered for word in words):
            return kind
    # "CUPE Ontario", "OPSEU": a union's acronym leads its divisions' names.
    return "union" if re.match(r"^[A-Z]{3,}\b", name) else "other"


def _clean_name(name):
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    return re.sub(r"^(?:the|our|to|and|by|from|of)\s+", "", name, flags=re.I).strip()


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


class Directory(list):
    """The organisations an import knows (entries {"id", "names", "acronyms"}), with lookups by
    word that cost the same whether the network has ten organisations or ten thousand: an
    import proposes organisations as it goes, and one alternation of every name, compiled again
    after each, made a large archive slower with every file."""

    def __init__(self, entries=()):
        super().__init__()
        self.exact = {}  # lower-case name or acronym -> first entry with it
        self.names = {}  # lower-case first word -> {lower-case name: entry}, any case
        self.acronyms = {}  # first word -> {acronym: entry}, exact case
        for entry in entries:
            self.append(entry)

    def append(self, entry):
        super().append(entry)
        for term in entry["names"] + entry["acronyms"]:
            if term:
                self.exact.setdefault(term.lower(), entry)
        for term in entry["names"]:
            self._add(self.names, term.lower(), entry)
        for term in entry["acronyms"]:
            self._add(self.acronyms, term, entry)

    @staticmethod
    def _add(index, term, entry):
        first = _WORD.match(term)
        if len(term) > 1 and first:  # a name starting with a sign never followed a word boundary here
            index.setdefault(first.group(0), {}).setdefault(term, entry)

    def truncate(self, length):
        """Forgets the entries after the first `length` (a file rolled back)."""
        if length < len(self):
            kept = list(self[:length])
            self.clear()
            self.__init__(kept)

    def mentions(self, text, index, *, fold, taken):
        """(entry, words) for each term of `index` in `text` at word boundaries, longest term first at
        a place, places left to right, none overlapping `taken` (which grows)."""
        found = []
        for word in _WORD.finditer(text):
            start = word.start()
            candidates = index.get(word.group(0).lower() if fold else word.group(0))
            if not candidates:
                continue
            for term in sorted(candidates, key=len, reverse=True):
                end = start + len(term)
                words = text[start:end]
                if (words.lower() if fold else words) != term:
                    continue
                if end < len(text) and _WORD_CHAR.match(text[end]):
                    continue
                if not any(a < end and start < b for a, b in taken):
                    taken.append((start, end))
                    found.append((candidates[term], words))
                break
        return found


_DIRECTORIES = {}


def as_directory(directory):
    """The Directory for a plain list of entries (kept while the list does not change)."""
    if isinstance(directory, Directory):
        return directory
    key = (id(directory), len(directory))
    if key not in _DIRECTORIES:
        _DIRECTORIES.clear()
        _DIRECTORIES[key] = Directory(directory)
    return _DIRECTORIES[key]


def known_mentions(text, directory):
    """Organisations of the directory named in `text` (by name or acronym), a name before an
    acronym inside it ("CUPE Ontario" before "CUPE"), each at most once; returns [(entry, words)]."""
    directory = as_directory(directory)
    taken, found = [], []
    for index, fold in ((directory.names, True), (directory.acronyms, False)):
        for entry, words in directory.mentions(text, index, fold=fold, taken=taken):
            if all(entry is not other for other, _ in found):
                found.append((entry, words))
    return found


def find_organisation(name, directory):
    """The directory's entry for exactly this name or acronym (case-insensitive), or None."""
    return as_directory(directory).exact.get(_clean_name(name).lower())


def organisation_ref(name, directory, *, acronym="", text=""):
    """A reference to an organisation: a known one by id, or a proposal for a new one."""
    name = _clean_name(name)
    entry = find_organisation(name, directory) or (find_organisation(acronym, directory) if acronym else None)
    if entry:
        return {"id": entry["id"], "name": entry["names"][0], "new": False}
    return {"id": None, "name": name, "acronym": acronym, "new": True, "kind": guess_kind(name),
            "country": guess_country(name) or guess_country(text)}


def organisations_in(text, directory):
    refs, seen = [], set()
    for entry, _term in known_mentions(text, directory):
        if entry["id"] not in seen:
            seen.add(entry["id"])
            refs.append({"id": entry["id"], "name": entry["names"][0], "new": False})
    for match in NAMED_WITH_ACRONYM.finditer(text):
        # "APTUF and the Canadian Labour Congress (CLC)": the name is the last of a list.
        name, acronym = _clean_name(re.split(r"\s+and\s+the\s+|,\s+", match.group(1))[-1]), match.group(2)
        ref = organisation_ref(name, directory, acronym=acronym, text=text)
        key = ref["id"] or ref["name"].lower()
        if key not in seen and len(name.split()) >= 2:
            seen.add(key)
            refs.append(ref)
    return refs


# --- document parts ------------------------------------------------------------------------

EVENT = re.compile(
    r"((?:\d+(?:st|nd|rd|th)\s+|(?:19|20)\d\d\s+)?(?:(?:[A-Z][\w’'.\-]*|of|and|the|de)\s+){0,7}?"
    r"(?:Convention|Conference|Congress|Assembly|Forum|Summit|Council Meeting|Day of Action))\b"
)
EVENT_KINDS = {"convention": "convention", "conference": "conference", "congress": "convention",
               "assembly": "convention", "forum": "conference", "summit": "conference", "day of action": "day_of_action",
               "meeting": "meeting"}
SALUTATION = re.compile(
    r"^(?:dear\b|to whom|brothers and sisters|sisters and brothers|comrades|friends|"
    r"(?:رفقا|رفقای|دوستان|همکاران|خواهران|برادران|کارگران)[^.]{0,40}$)[^.]{0,80}$", re.I
)
CLOSING = re.compile(
    r"^(?:in solidarity|with solidarity|yours|sincerely|regards|best wishes|warm(?:est)? regards|long live|log live|"
    r"solidarity forever|fraternally|با درود|با درودهای|زنده باد|پیروز باشید|با احترام|با آرزوی|همبستگی)", re.I
)
RESOLUTION_NUMBER = re.compile(r"\bresolution\s+(?:no\.?|number|#)\s*(\d+[A-Za-z]?)|قطعنامه\s*(?:ی\s*)?شماره\s*([۰-۹\d]+)", re.I)
SUBMITTED = re.compile(r"^(?:submitted|moved|proposed|sponsored)\s+by:?\s+(.+)$|^(?:پیشنهاد(?:\s*دهنده)?|ارائه شده توسط)\s*:?\s*(.+)$", re.I)
CONSIDERATION_HEAD = re.compile(r"^(?:whereas|considering|considerations|because|background|با توجه به|نظر به)", re.I)
COMMITMENT_LEAD = re.compile(
    r"^(.{2,80}?)\s+(?:will|shall|resolves? to|therefore resolves?)\s*:\s*$|^(?:be it |therefore be it )?resolved that\s*(.*?):?\s*$"
    r"|^(.{2,60}?)\s*(?:متعهد می‌?شود|اقدام خواهد کرد|خواهد)\s*:\s*$",
    re.I,
)


def _title_from(blocks, html_title):
    if html_title:
        return html_title
    for block in blocks[:4]:
        if block.kind == "p" and len(block.text) <= 200 and not block.text.endswith((".", ";", ",")):
            return block.text
    return blocks[0].text[:200] if blocks else ""


def _event_near(text, dates, directory):
    """The first event named with its dates just after (", May 23-26, 2012"), else the first named."""
    matches = list(EVENT.finditer(text))
    dated = [m for m in matches if any(m.end() <= d.position <= m.end() + 80 for d in dates)]
    for match in dated or matches:
        title = match.group(1).strip()
        if title.lower().startswith(("the ", "this ")) or len(title.split()) < 2:
            title = re.sub(r"^(?:the|this)\s+", "", title, flags=re.I)
            if len(title.split()) < 2:
                continue
        following = [d for d in dates if match.end() <= d.position <= match.end() + 80]
        kind = next((k for word, k in EVENT_KINDS.items() if word in title.lower()), "conference")
        return {"title": title, "kind": kind,
                "start": following[0].start.isoformat() if following else None,
                "end": following[0].end.isoformat() if following and following[0].end else None}
    return None


def _sentence_case_title(title):
    # "Asian Conference In defence of..." : a capitalised preposition inside a title in sentence case.
    return re.sub(r"(?<=\s)(In|Of|For|On|And|To)(?=\s+[a-z])", lambda m: m.group(1).lower(), title)


def _split_names(text):
    text = re.sub(r"\s*\(.*?\)\s*", " ", text).strip(" .")
    return [part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+|\s+و\s+|،\s*", text) if part.strip()]


def extract_resolution(blocks, text, title, directory, dates, uncertain):
    number = RESOLUTION_NUMBER.search(text)
    result = {"number": (number.group(1) or number.group(2) or "").translate(_DIGITS) if number else "",
              "commitments": [], "considerations": [], "commitments_lead": "", "submitted_by": [],
              "adopting_organisation": None, "event": None, "status": "adopted", "date": None, "title": "",
              "source_title": ""}
    if not result["number"]:
        loose = re.search(r"\badopted resolution\s+(\d+)", text, re.I)
        result["number"] = loose.group(1) if loose else ""
    if re.search(r"\b(?:defeated|rejected)\b", text, re.I):
        result["status"] = "defeated"
    elif re.search(r"\breferred\b", text, re.I):
        result["status"] = "referred"
    group, previous_gap, bullets_gap = None, None, None
    for block in blocks:
        submitted = SUBMITTED.match(block.text)
        lead = COMMITMENT_LEAD.match(block.text)
        if submitted:
            names = _split_names(submitted.group(1) or submitted.group(2))
            result["submitted_by"] = [organisation_ref(name, directory, text=text) for name in names]
        elif block.kind == "p" and CONSIDERATION_HEAD.match(block.text) and len(block.text) < 40:
            group = "considerations"
        elif block.kind == "p" and CONSIDERATION_HEAD.match(block.text):
            result["considerations"].append(re.sub(r"^(?:whereas|considering that)[,:]?\s*", "", block.text, flags=re.I)
                                            .rstrip(";").strip())
            result["considerations"][-1] = result["considerations"][-1][:1].upper() + result["considerations"][-1][1:]
        elif lead and block.kind == "p":
            result["commitments_lead"] = block.text
            who = lead.group(1) or lead.group(3)
            if who and not result["adopting_organisation"]:
                result["adopting_organisation"] = organisation_ref(who, directory, text=text)
            group, bullets_gap = "commitments", None
        elif block.kind == "li" and group:
            if bullets_gap is not None and block.gap > max(bullets_gap, 1) + 1 and group == "commitments":
                group = "considerations"
            bullets_gap = block.gap if bullets_gap is None else min(bullets_gap, block.gap)
            result[group].append(block.text)
        elif block.kind == "p" and group and not block.text.lower().startswith("click here"):
            group = None if result[group] else group
        previous_gap = block.gap
    del previous_gap
    source = re.search(r"click here (?:for|to (?:read|see|download)(?: the)?)\s+(.+?)\.?$", text, re.I | re.M)
    if source:
        result["source_title"] = source.group(1).strip()
    event = _event_near(text, dates, directory)
    result["event"] = event
    if not result["adopting_organisation"]:
        adopted = re.search(r"^((?:[A-Z][\w.\-]*\s?){1,6}?)\s+(?:adopted|has adopted|passed|unanimously adopted)", text, re.M)
        if adopted:
            result["adopting_organisation"] = organisation_ref(adopted.group(1), directory, text=text)
        else:
            uncertain.append(_("The organisation that adopted the resolution was not found."))
    adopting = result["adopting_organisation"]
    for ref in result["submitted_by"]:
        # A local or committee submits to its own union's convention: it is part of the adopting body.
        if ref["new"] and adopting and ref["kind"] in {"local", "committee"}:
            ref["parent"] = adopting["name"]
            root = re.match(r"^([A-Z]{3,})\b", adopting["name"])
            if ref["kind"] == "local" and root and not ref["name"].startswith(root.group(1)):
                ref["name"] = f"{root.group(1)} {ref['name']}"
    topic = re.search(r"resolution\s+(?:\d+\s+)?(?:in|of|on|for)\s+(.+)$", title, re.I)
    result["title"] = (topic.group(1)[:1].upper() + topic.group(1)[1:]) if topic else (
        f"Resolution No. {result['number']}" if result["number"] else title)
    if event and event["end"]:
        result["date"] = event["end"]
        uncertain.append(_("The day of the vote is not given; the resolution is dated the last day of the event."))
    elif dates:
        result["date"] = dates[0].start.isoformat()
    else:
        uncertain.append(_("No date found for the resolution."))
    if not result["commitments"]:
        uncertain.append(_("No commitments were found in the resolution."))
    if not result["number"]:
        uncertain.append(_("The resolution has no number."))
    return result


def extract_letter(blocks, text, title, directory, dates, uncertain, *, alliance=None):
    result = {"subject": "", "salutation": "", "body": "", "closing": "", "signature": "", "date": None,
              "sender": None, "recipients": [], "event": None, "invited": False, "response": "", "reason": ""}
    texts = [block.text for block in blocks]
    salutation = next((i for i, t in enumerate(texts) if len(t) < 80 and SALUTATION.match(t)), None)
    if salutation is None:
        uncertain.append(_("No salutation found; the body starts at the first paragraph."))
        salutation = -1
    else:
        result["salutation"] = texts[salutation]
    head = texts[:max(salutation, 0)]
    subject = " ".join(re.sub(r"^(?:re|subject|موضوع)\s*:\s*", "", t, flags=re.I) for t in head
                       if not DATE_LINE.match(t))
    result["subject"] = subject or title
    tail_start = len(texts)
    date_block = None
    for i in range(len(texts) - 1, salutation, -1):
        if DATE_LINE.match(texts[i]) and date_block is None and i >= len(texts) - 2:
            date_block = i
    end = date_block if date_block is not None else len(texts)
    closing = next((i for i in range(max(salutation + 1, end - 6), end) if len(texts[i]) <= 80 and CLOSING.match(texts[i])), None)
    if closing is None:
        closing_end = closing = end - 1 if end - 1 > salutation + 1 else end
        uncertain.append(_("No closing words found; the last line is taken as the signature."))
    else:
        closing_end = closing
        while closing_end + 1 < end and len(texts[closing_end + 1]) <= 60 and (
            CLOSING.match(texts[closing_end + 1]) or texts[closing_end + 1].endswith(("!", ","))
        ):
            closing_end += 1
        closing_end += 1
    tail_start = closing
    result["closing"] = "\n".join(texts[closing:closing_end]) if closing_end > closing else ""
    result["signature"] = "\n".join(texts[closing_end:end])
    result["body"] = "\n\n".join(texts[salutation + 1:tail_start])
    if date_block is not None:
        result["date"] = find_dates(texts[date_block])[0].start.isoformat()
    else:
        head_dates = [d for d in find_dates("\n".join(head)) if not d.end]
        if head_dates:
            result["date"] = head_dates[0].start.isoformat()
        else:
            uncertain.append(_("The letter is not dated; the first date in its text is used."))
            result["date"] = dates[0].start.isoformat() if dates else None
    signature = result["signature"]
    sender = None
    mentioned = organisations_in(signature, directory)
    if mentioned:
        sender = mentioned[0]
    elif signature:
        lines = signature.split("\n")
        org_line = next((line for line in reversed(lines)
                         if re.search(ORG_WORDS + "|" + FA_ORG_WORDS + r"|\b[A-Z]{3,}\b", line)), None)
        if org_line:
            sender = organisation_ref(re.sub(r"^[^,]*,\s*", "", org_line) if "," in org_line else org_line,
                                      directory, text=text)
    if sender is None:
        uncertain.append(_("The sender could not be told from the signature."))
    result["sender"] = sender
    subject_event = _event_near(result["subject"], find_dates(result["subject"]), directory)
    if subject_event:
        to = re.search(r"(?:to|for)\s*:?\s+(.+?)(?:\.\s+held\b|\.?\s*$)", result["subject"], re.I)
        if to and EVENT.search(to.group(1)):
            subject_event["title"] = _sentence_case_title(to.group(1).strip())
    event = subject_event or _event_near("\n".join(texts[salutation + 1:salutation + 3]), dates, directory)
    if event:
        ranges = [d for d in find_dates(result["subject"] + "\n" + result["body"]) if d.end]
        if ranges and not event["start"]:
            event["start"], event["end"] = ranges[0].start.isoformat(), ranges[0].end.isoformat()
        place = re.search(r"\bheld in ([A-Z][\w]+)|\bin ([A-Z][a-z]+), ([A-Z][a-z]+)\b", result["subject"] + "\n" + result["body"])
        event["place"] = (place.group(1) or place.group(2)) if place else ""
        event["country"] = guess_country(event["place"]) if event["place"] else ""
    result["event"] = event
    first = "\n".join([result["subject"], result["salutation"]] + texts[salutation + 1:salutation + 2])
    sender_key = (sender or {}).get("id") or (sender or {}).get("name", "").lower()
    for ref in organisations_in(first, directory):
        key = ref["id"] or ref["name"].lower()
        is_alliance = alliance and ref["id"] == alliance
        if key != sender_key and not is_alliance and not (event and ref["name"] in event["title"]):
            result["recipients"].append(ref)
    if re.search(r"\binvit(?:ed|ing|ation)\b|دعوت", result["body"], re.I):
        result["invited"] = True
    if re.search(r"could not (?:send|attend|be)|unable to (?:attend|send|be present)|cannot attend|نتوانستیم|نمی‌?توانیم", result["body"], re.I):
        result["response"] = "declined"
        reason = re.search(r"due to ([^,;.]+?)(?:,|;|\.| we\b)", result["body"], re.I)
        if reason:
            result["reason"] = reason.group(1)[:1].upper() + reason.group(1)[1:] + "."
    elif re.search(r"\b(?:our|a) (?:delegation|representative)s? (?:attended|will attend|took part)", result["body"], re.I):
        result["response"] = "attended"
    if not result["recipients"] and not event:
        uncertain.append(_("No recipient organisation or event found."))
    return result


def extract_newsletter(blocks, text, title, uncertain):
    issue = re.search(r"vol(?:ume|\.)?\s*([\d۰-۹]+)\D{0,12}?(?:no\.?|number|issue|شماره)\s*([\d۰-۹]+)", f"{title}\n{text}", re.I)
    issue_fa = re.search(r"شماره\s*([\d۰-۹]+)", f"{title}\n{text}")
    items, collecting = [], False
    for block in blocks:
        if re.match(r"^(?:in this issue|در این شماره)", block.text, re.I):
            collecting = True
            continue
        if collecting and block.kind == "li":
            items.append(block.text)
        elif collecting and items:
            break
    result = {"volume": issue.group(1).translate(_DIGITS) if issue else "",
              "number": (issue.group(2) if issue else issue_fa.group(1) if issue_fa else "").translate(_DIGITS),
              "contents": items}
    if not items:
        uncertain.append(_("The newsletter's contents (\"In this issue\") were not found."))
    return result


def extract(cleaned, *, html_title="", directory=(), alliance=None, old_path=""):
    """Every field the importer can tell from one cleaned document, and what it is unsure of."""
    blocks = cleaned.blocks
    text = cleaned.text
    uncertain = []
    if cleaned.lost_addresses:
        uncertain.append(_("%(count)s e-mail address(es) were lost by the old site's scraper.") % {"count": cleaned.lost_addresses})
    title = _title_from(blocks, html_title)
    language = kinds.detect_language(text)
    kind, confidence = kinds.classify(text, title=title)
    if confidence == "unsure":
        uncertain.append(_("Unsure of the kind of document; taken as %(kind)s.") % {"kind": kind})
    dates = find_dates(text)
    body_blocks = [b for b in blocks if b.text != title]
    result = {
        "kind": kind, "language": language, "title": title, "date": None,
        "organisations": organisations_in(text, directory), "summary": "",
        "blocks": [b.as_dict() for b in body_blocks], "resolution": None, "letter": None, "newsletter": None,
        "old_path": old_path, "uncertainties": uncertain,
    }
    first_text = next((b.text for b in body_blocks if len(b.text) > 60), "")
    result["summary"] = first_text if len(first_text) <= 400 else first_text[:397].rsplit(" ", 1)[0] + "…"
    if kind == kinds.RESOLUTION:
        result["resolution"] = extract_resolution(blocks, text, title, directory, dates, uncertain)
    elif kind == kinds.LETTER:
        result["letter"] = extract_letter(blocks, text, title, directory, dates, uncertain, alliance=alliance)
        result["title"] = result["letter"]["subject"] or title
    elif kind == kinds.NEWSLETTER:
        result["newsletter"] = extract_newsletter(blocks, text, title, uncertain)
    if result["letter"] and result["letter"]["date"]:
        result["date"] = result["letter"]["date"]
    elif dates:
        top = [d for d in dates if d.position < 300] or dates
        result["date"] = (top[0].end or top[0].start).isoformat() if kind == kinds.RESOLUTION else top[0].start.isoformat()
        if len({d.start for d in dates}) > 1 and not [d for d in dates if d.position < 300]:
            uncertain.append(_("Several dates in the text; the first one is taken as the document's date."))
    else:
        year = re.search(r"(?:19|20)\d{2}", old_path)
        uncertain.append(_("No date found in the document."))
        result["date"] = f"{year.group(0)}-01-01" if year else None
    return result
