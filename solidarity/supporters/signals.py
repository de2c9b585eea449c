from django.dispatch import Signal

# Sent for every bounce or complaint report read from the bounce mailbox, with
# email=, kind= ("hard" | "soft" | "complaint") and message_id= (the Message-ID of the
# message that bounced, "" when the report does not quote it), so that the newsletter can
# mark that delivery as bounced.
bounce_received = Signal()

# Sent inside the transaction that erases a person's data on request, just before their
# Subscriber row is deleted, with subscriber= and email_key=, so that other apps can delete
# what they keep about that address (delivery records, for instance).
person_erased = Signal()
