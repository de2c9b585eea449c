import pytest

from solidarity.core.mailboxes import mailbox_key


@pytest.mark.parametrize(("address", "expected"), [
    ("Jane.Doe@Example.org", "jane.doe@example.org"),
    ("  jane@example.org ", "jane@example.org"),
    ("j.a.n.e+petition@gmail.com", "jane@gmail.com"),
    ("JANE@GoogleMail.com", "jane@gmail.com"),
    ("jane+tag@outlook.com", "jane@outlook.com"),
    ("ja.ne+tag@outlook.com", "ja.ne@outlook.com"),
    ("jane+tag@union.example", "jane+tag@union.example"),
    ("jane@bücher.example", "jane@xn--bcher-kva.example"),
])
def test_addresses_are_compared_as_the_mailbox_sees_them(address, expected):
    assert mailbox_key(address) == expected
