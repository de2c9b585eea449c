from django.shortcuts import render

from .services.addresses import mirror_addresses
from .services.signing import fingerprint, public_key


def mirrors_page(request):
    key = public_key()
    return render(request, "mirrors/mirrors_page.html", {
        "addresses": mirror_addresses(),
        "public_key": key,
        "fingerprint": fingerprint(key),
    })
