"""The campaigns app's workflows, one module each; other apps and the app's own views use
the names below. Signing is the hot path: see signing.py before changing what it calls."""

from .access import forget_access_rules, new_challenge, pow_bits, verify_proof
from .cards import CampaignCard, campaign_card, live_campaign_cards, live_campaigns, public_campaign_cards
from .confirmations import (
    CONFIRMATIONS_KEY,
    confirm,
    confirmations_keys,
    resend_confirmation,
    resend_lost_confirmations,
    send_waiting_confirmations,
)
from .counts import count_confirmed, counts
from .endorsements import confirm_endorsement, endorse, endorsement_for_token, may_mail_endorser
from .errors import (
    BlockedDomain,
    BlockedNetwork,
    CampaignClosed,
    InvalidCountry,
    InvalidLink,
    SigningError,
    TooManyRequests,
)
from .mail import fails_alone, record_mail_failure, send_endorsement_email, send_signature_email
from .protests import deliver_all_protests, deliver_protests
from .public import public_campaign_record, public_campaign_records
from .sharing import preview_png, share_links, share_text
from .signing import campaign_for_signing, forget_signing_campaigns, sign
from .tokens import (
    CONFIRM_SALT,
    confirmation_lifetime,
    confirmation_token,
    letter_token,
    signature_for_letter,
    signature_for_token,
)
from .updates import email_due_updates, email_update, queue_update_email

__all__ = [
    "CampaignCard", "campaign_card", "live_campaign_cards", "live_campaigns", "preview_png", "public_campaign_cards",
    "share_links", "share_text", "public_campaign_record", "public_campaign_records",
    "CONFIRMATIONS_KEY", "confirmations_keys", "CONFIRM_SALT", "BlockedDomain", "BlockedNetwork", "CampaignClosed", "InvalidCountry",
    "InvalidLink", "TooManyRequests", "SigningError", "campaign_for_signing", "confirm", "confirm_endorsement",
    "confirmation_lifetime", "confirmation_token", "count_confirmed", "counts", "deliver_all_protests",
    "deliver_protests", "email_due_updates", "email_update", "endorse", "endorsement_for_token", "fails_alone",
    "forget_access_rules", "forget_signing_campaigns", "letter_token", "may_mail_endorser", "new_challenge",
    "pow_bits", "queue_update_email", "record_mail_failure", "resend_confirmation",
    "resend_lost_confirmations", "send_endorsement_email", "send_signature_email", "send_waiting_confirmations",
    "sign", "signature_for_letter", "signature_for_token", "verify_proof",
]
