from django.conf import settings
from django_tasks import task


@task()
def answer_mail_requests():
    """The worker's round of the articles-by-e-mail mailbox (queued by `manage.py answer_mail
    --queue`, e.g. from a timer). It carries no address: the letters stay in the mailbox."""
    from .services import answer_letters

    counts = answer_letters(maildir=settings.INBOUND_MAILDIR, imap_url=settings.INBOUND_IMAP_URL)
    return dict(counts)
