"""How an app hands one of its public records to another (the newsletter, for one).

Each app offers its records through its own services as `PublicRecord`s, already filtered to
what the public may see and read in the asked language, so that the app that shows them never
reaches into another's models or guesses its status values."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicRecord:
    pk: int
    title: str
    summary: str
    url: str  # the record's public page in the asked language, a path on this site
