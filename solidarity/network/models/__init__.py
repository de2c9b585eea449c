"""The network: organisations, events, resolutions and the letters between them.

Names and titles are stored as English/Persian field pairs on one record (not one record per
language) so that a coordinator fills both languages on one form, relations are shared, and
a page falls back to the other language when one is empty.
"""

from .correspondence import Correspondence, LetterTemplate
from .events import Event
from .organisations import Organisation
from .resolutions import Clause, Resolution

__all__ = ["Clause", "Correspondence", "Event", "LetterTemplate", "Organisation", "Resolution"]
