"""The domain errors of campaigns."""

from django.utils.translation import gettext_lazy as _


class SigningError(Exception):
    """A signature we cannot take; the text says why, in the signer's language."""

    status = 400


class CampaignClosed(SigningError):
    status = 410

    def __init__(self):
        super().__init__(_("This campaign is closed: it no longer takes signatures."))


class TooManyRequests(SigningError):
    status = 429

    def __init__(self):
        super().__init__(_("Several signatures came from your connection in a short time. "
                           "Please wait a few minutes and send the form again; what you typed is kept below."))


class BlockedDomain(SigningError):
    status = 403

    def __init__(self):
        super().__init__(_("We cannot accept signatures from this e-mail provider. Please use another address."))


class BlockedNetwork(SigningError):
    status = 403

    def __init__(self):
        super().__init__(_("We cannot accept signatures from your network. "
                           "If you think this is a mistake, please write to us through the contact page."))


class InvalidCountry(SigningError):
    def __init__(self):
        super().__init__(_("Please choose your country from the list."))


class InvalidLink(Exception):
    pass


class StaffError(Exception):
    """A staff action we refuse; the text says why."""
