from django.dispatch import Signal

# Sent with `signature=` once a signature has been confirmed (after the commit): the
# supporters app subscribes signers who asked for the newsletter.
signature_confirmed = Signal()
