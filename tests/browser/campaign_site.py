"""What the campaign flows' browser tests share: the demo's
action and its words in each language, and screenshots kept for a person to look at (in
var/screenshots/, and also in $SHOTS_DIR when set)."""

import os
import shutil
from pathlib import Path

from .fixtures import screenshot

LANGUAGES = ("en", "fa")
WIDTHS = (1280, 390)
ACTION = "free-the-bus-drivers-demo"
OTHER_ACTION = "haft-tappeh-wages-demo"
TITLE = {"en": "Urgent action: free the detained bus drivers",
         "fa": "اقدام فوری: رانندگان بازداشت‌شده شرکت واحد را آزاد کنید"}
SIGN = {"en": "Sign", "fa": "امضا می‌کنم"}


def phone_or_desktop(browsing, width, **options):
    return browsing.new_page(viewport={"width": width, "height": 800 if width > 500 else 844}, **options)


def keep(page, name):
    path = screenshot(page, name)
    if os.environ.get("SHOTS_DIR"):
        Path(os.environ["SHOTS_DIR"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(os.environ["SHOTS_DIR"]) / path.name)
    return path
