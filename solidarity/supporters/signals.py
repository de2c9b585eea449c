from django.dispatch import Signal

# Sent for every bounce or complaint report read from the bounce mailbox, with
# email=, kind= ("hard" | "soft" | "complaint") and message_id= (the Message-ID of the
# message that bounced, "" when the report does not quote it), so that the newsletter can
# mark that delivery as bounced.
bounce_received = Signal()
