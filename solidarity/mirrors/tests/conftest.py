import pytest


@pytest.fixture
def signing_key(settings, tmp_path):
    """A key pair of the test's own: the private key in a file, as in production."""
    from solidarity.mirrors.services.signing import write_key_pair

    path = tmp_path / "keys" / "mirror.key"
    public = write_key_pair(path)
    settings.MIRROR_SIGNING_KEY_FILE = str(path)
    settings.MIRROR_PUBLIC_KEY = ""
    return public
