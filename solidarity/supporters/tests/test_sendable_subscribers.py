from solidarity.supporters import services
from solidarity.supporters.models import Subscriber, Suppression

from .conftest import make_active


def emails(queryset):
    return sorted(queryset.values_list("email", flat=True))


def test_active_subscribers_on_any_of_the_lists_each_once(lists):
    make_active("both@example.org", lists=[lists["newsletter-en"], lists["urgent-actions"]])
    make_active("one@example.org", lists=[lists["urgent-actions"]])
    make_active("other@example.org", lists=[lists["branch-uk"]])

    chosen = services.sendable_subscribers([lists["newsletter-en"], lists["urgent-actions"]])

    assert emails(chosen) == ["both@example.org", "one@example.org"]
    assert chosen.count() == 2


def test_lists_can_be_given_as_a_queryset_ids_or_one_list(lists):
    make_active("a@example.org", lists=[lists["newsletter-fa"]])

    assert services.sendable_subscribers(lists["newsletter-fa"]).count() == 1
    assert services.sendable_subscribers([lists["newsletter-fa"].pk]).count() == 1
    assert services.sendable_subscribers(lists["newsletter-fa"].__class__.objects.filter(language="fa")).count() == 1
    assert services.sendable_subscribers([]).count() == 0


def test_pending_unsubscribed_bounced_and_complained_people_are_left_out(lists):
    newsletter = lists["newsletter-en"]
    for status in ("pending", "unsubscribed", "bounced", "complained"):
        subscriber = make_active(f"{status}@example.org", lists=[newsletter])
        subscriber.set_status(status)
    make_active("active@example.org", lists=[newsletter])

    assert emails(services.sendable_subscribers([newsletter])) == ["active@example.org"]


def test_a_suppressed_address_is_left_out_even_if_marked_active(lists):
    make_active("j.doe@gmail.com", lists=[lists["newsletter-en"]])
    Suppression.objects.create(email_key="JDoe+old@googlemail.com", reason=Suppression.Reason.STAFF)

    assert not services.sendable_subscribers([lists["newsletter-en"]]).exists()


def test_an_address_is_kept_lowercased_with_its_mailbox_key(db):
    subscriber = Subscriber.objects.create(email="  J.Doe+News@GoogleMail.com ")

    assert subscriber.email == "j.doe+news@googlemail.com"
    assert subscriber.email_key == "jdoe@gmail.com"
    assert services.mailbox_key("Ali.Rezaei@Example.ORG.") == "ali.rezaei@example.org"
    assert services.mailbox_key("user@bücher.example") == "user@xn--bcher-kva.example"



def test_a_plus_tag_at_a_provider_that_ignores_it_reaches_the_same_subscriber(lists):
    make_active("jane@outlook.com", lists=[lists["newsletter-en"]])

    assert Subscriber.objects.get(email="jane@outlook.com").email_key == "jane@outlook.com"
    assert services.mailbox_key("Jane+news@Outlook.com") == "jane@outlook.com"


def test_an_erasure_keyed_before_plus_tags_were_folded_still_suppresses_the_address(db):
    from solidarity.supporters.models import erased_key

    Suppression.objects.create(email_key=erased_key("jane+news@outlook.com"), reason=Suppression.Reason.UNSUBSCRIBED)

    assert Suppression.find("Jane+News@outlook.com") is not None
    assert Suppression.find("someone@outlook.com") is None
