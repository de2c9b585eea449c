"""bake, verify_mirror and mirror_keygen, as an operator runs them."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.fixture
def baked(site_tree, signing_key, settings, tmp_path):
    settings.SITE_URL = "http://localhost"
    out = io.StringIO()
    call_command("bake", str(tmp_path / "mirror"), "--archive", str(tmp_path / "mirror.zip"), stdout=out)
    return tmp_path / "mirror", out.getvalue()


def verify(*args):
    out = io.StringIO()
    try:
        call_command("verify_mirror", *args, stdout=out)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue()


def test_bake_says_how_many_files_how_big_and_how_long(baked, tmp_path):
    _folder, output = baked
    assert "Baked " in output and " MB) into " in output and " s: " in output
    assert (tmp_path / "mirror.zip").is_file()


def test_verify_passes_on_the_baked_folder(baked, signing_key):
    folder, _output = baked
    status, output = verify(str(folder), "--public-key", signing_key)
    assert status == 0 and "Signature: good." in output and "The copy verifies." in output


def test_verify_fails_and_names_the_altered_file(baked, signing_key):
    folder, _output = baked
    page = folder / "fa/index.html"
    page.write_text(page.read_text("utf-8").replace("</body>", "<script src='https://x.example/'></script></body>"))
    status, output = verify(str(folder), "--public-key", signing_key)
    assert status == 1
    assert "Altered (1):\n  fa/index.html" in output and "does NOT verify" in output


def test_verify_uses_the_configured_public_key_when_none_is_given(baked, settings, signing_key):
    folder, _output = baked
    settings.MIRROR_PUBLIC_KEY = signing_key
    settings.MIRROR_SIGNING_KEY_FILE = ""
    assert verify(str(folder))[0] == 0


def test_verify_without_any_key_is_an_error(baked, settings):
    settings.MIRROR_PUBLIC_KEY = ""
    settings.MIRROR_SIGNING_KEY_FILE = ""
    with pytest.raises(CommandError, match="No public key"):
        call_command("verify_mirror", str(baked[0]))


def test_keygen_writes_a_private_key_and_prints_the_public_one(tmp_path, settings):
    out = io.StringIO()
    call_command("mirror_keygen", str(tmp_path / "new.key"), stdout=out)
    assert "Public key (MIRROR_PUBLIC_KEY): " in out.getvalue() and "Fingerprint: " in out.getvalue()
    with pytest.raises(CommandError, match="exists already"):
        call_command("mirror_keygen", str(tmp_path / "new.key"), stdout=io.StringIO())


def test_verify_with_an_old_key_names_the_key_that_signed(baked, signing_key):
    from solidarity.mirrors.services.signing import fingerprint, generate_key_pair

    folder, _output = baked
    _private, old_public = generate_key_pair()
    status, output = verify(str(folder), "--public-key", old_public)
    assert status == 1 and "Signature: NOT VALID." in output
    assert f"signed by the key {fingerprint(signing_key)}; yours is {fingerprint(old_public)}" in output
