from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.core.admin_choosers import chosen_records_field
from solidarity.core.admin_dates import BothCalendarsDateTimeField
from solidarity.core.validators import validate_deliverable_email

from .models import Send

MAX_TEST_ADDRESSES = 20


def parse_addresses(text):
    addresses = []
    for address in text.replace(",", "\n").replace(";", "\n").split():
        # An address our mail server cannot carry would fail the whole test.
        validate_deliverable_email(address)
        if address not in addresses:
            addresses.append(address)
    return addresses


class TestSendForm(forms.Form):
    addresses = forms.CharField(label=_("Send a test to"), widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One or more e-mail addresses, one a line."))

    def clean_addresses(self):
        try:
            addresses = parse_addresses(self.cleaned_data["addresses"])
        except forms.ValidationError:
            raise forms.ValidationError(_("Check the addresses: one of them is not an e-mail address.")) from None
        if not addresses:
            raise forms.ValidationError(_("Give at least one address."))
        if len(addresses) > MAX_TEST_ADDRESSES:
            raise forms.ValidationError(_("A test goes to at most %(count)d addresses.") % {"count": MAX_TEST_ADDRESSES})
        return addresses


class SendForm(forms.Form):
    # Searched for, not listed: there may be a list for every branch.
    lists = chosen_records_field(Send._meta.get_field("lists"), label=_("Send to these lists"))
    when = forms.ChoiceField(label=_("When"), widget=forms.RadioSelect, initial="now",
                             choices=[("now", _("Now")), ("later", _("At a set time"))])
    scheduled_at = BothCalendarsDateTimeField(label=_("Date and time"), required=False,
                                              help_text=_("In the site's time zone."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "later":
            at = cleaned.get("scheduled_at")
            if not at:
                self.add_error("scheduled_at", _("Give the date and time to send at."))
            elif at <= timezone.now():
                self.add_error("scheduled_at", _("Choose a time in the future, or send now."))
        else:
            cleaned["scheduled_at"] = None
        return cleaned
