"""Time-based one-time passwords (RFC 6238, the codes authenticator apps show).

Six digits, a new code every 30 seconds, HMAC-SHA1: what every authenticator app supports.
A code from the step before or after is accepted too, for clocks a little apart.
"""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

DIGITS = 6
STEP_SECONDS = 30
TOLERANCE_STEPS = 1


def new_secret():
    """A random 160-bit key in base32, as authenticator apps expect it."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def current_step(now=None):
    return int((time.time() if now is None else now) // STEP_SECONDS)


def code_at(secret, step):
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def matching_step(secret, code, *, now=None):
    """The time step whose code this is, or None. Spaces and Persian or Arabic digits in what
    was typed are accepted."""
    from .text import to_latin_digits

    code = to_latin_digits(code or "").replace(" ", "").replace("-", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    step = current_step(now)
    for candidate in range(step - TOLERANCE_STEPS, step + TOLERANCE_STEPS + 1):
        if hmac.compare_digest(code_at(secret, candidate), code):
            return candidate
    return None


def provisioning_uri(secret, *, account, issuer):
    label = quote(f"{issuer}:{account}")
    return f"otpauth://totp/{label}?" + urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP_SECONDS})
