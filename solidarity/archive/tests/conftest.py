from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# The two documents of the old site given with the product brief, unchanged.
LEGACY = SAMPLES / "legacy"


@pytest.fixture
def legacy_dir(tmp_path):
    """The two documents of the old site, laid out as the old site's News folder."""
    folder = tmp_path / "News"
    folder.mkdir()
    for name in ("000_ea340a58f3985f13.txt", "001_7b632b9c3ca00494.txt"):
        (folder / name).write_bytes((LEGACY / name).read_bytes())
    return tmp_path
