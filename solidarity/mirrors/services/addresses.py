"""The other addresses of the site (mirrors, the onion address, signing by e-mail), read when
a page is rendered, so a change of settings shows at once."""

from dataclasses import dataclass

from django.conf import settings

from solidarity.core.text import clean_line


@dataclass
class Addresses:
    mirrors: list
    onion_url: str
    sign_by_email: str


def mirror_addresses():
    from ..models import MirrorSettings

    stored = MirrorSettings.load()
    # The onion address from the deployment's settings wins over one typed in the admin.
    onion = getattr(settings, "ONION_ADDRESS", "") or stored.onion_address
    onion = clean_line(onion).strip().rstrip("/")
    if onion and "://" not in onion:
        onion = f"http://{onion}"
    return Addresses(mirrors=stored.mirror_list(), onion_url=onion, sign_by_email=stored.sign_by_email)
