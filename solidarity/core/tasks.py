"""Sign-in e-mails, sent by the worker so the request that asks for one does no lookup and no
mail I/O: it looks and takes the same whoever asked."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task


@task()
def send_password_reset(*, email, language):
    """Wagtail's password-reset e-mail to every active account with this address (none for a
    stranger's)."""
    from wagtail.admin.forms.auth import PasswordResetForm

    form = PasswordResetForm(data={"email": email})
    if not form.is_valid():
        return "invalid"
    site = urlsplit(settings.SITE_URL)
    with translation.override(language or settings.LANGUAGE_CODE):
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            subject_template_name="wagtailadmin/account/password_reset/email_subject.txt",
            email_template_name="wagtailadmin/account/password_reset/email.txt",
        )
    return "done"


@task()
def send_enrolment_link(*, user_id):
    """A one-time link to set up two-step sign-in, to the account's own address, in the language
    the staff member chose for the admin."""
    from wagtail.users.models import UserProfile

    from .models import EnrolmentLink

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return "no address"
    token = EnrolmentLink.issue(user)
    url = settings.SITE_URL + reverse("core_two_factor_enrol_link", args=[token])
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        context = {"user": user, "url": url, "minutes": settings.TWO_FACTOR_ENROLMENT_MINUTES,
                   "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("core/two_factor/enrolment_email_subject.txt", context).strip()
        body = render_to_string("core/two_factor/enrolment_email.txt", context)
    send_mail(subject, body, None, [user.email])
    return "sent"
