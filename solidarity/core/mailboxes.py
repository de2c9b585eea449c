"""E-mail addresses reduced to the one mailbox they reach: an address signs a campaign once,
and a person subscribes once, whichever of its forms they type."""

# Domains whose mailboxes ignore dots in the local part, and those that deliver
# name+anything@ to name@: one person, one signature.
DOTS_IGNORED = {"gmail.com", "googlemail.com"}
PLUS_TAGS = DOTS_IGNORED | {
    "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com",
    "fastmail.com", "fastmail.fm", "protonmail.com", "protonmail.ch", "proton.me", "pm.me",
    "yandex.com", "yandex.ru", "riseup.net", "posteo.de", "posteo.net", "mailbox.org",
}
SAME_MAILBOX = {"googlemail.com": "gmail.com"}


def exact_key(address):
    """The address as typed, only in the forms every mail system treats alike: lower case, the
    domain without a final dot and in IDNA."""
    address = (address or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    domain = domain.rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return f"{local}@{domain}"


def mailbox_key(address):
    """The address as the mailbox sees it: lower case, and without dots and +tags where
    the domain ignores them (j.doe+campaign@googlemail.com -> jdoe@gmail.com)."""
    address = exact_key(address)
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    domain = SAME_MAILBOX.get(domain, domain)
    if domain in PLUS_TAGS:
        local = local.split("+", 1)[0]
    if domain in DOTS_IGNORED:
        local = local.replace(".", "")
    return f"{local}@{domain}"
