"""Field-level accuracy of the importer on the sample archive (samples/ with expected.json).

    DJANGO_SETTINGS_MODULE=solidarity.settings .venv/bin/python -m solidarity.archive.accuracy
"""

import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"


def _value(found, field):
    node = found
    for part in field.split("."):
        if node is None:
            return None
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _name(ref):
    return ref.get("name") if isinstance(ref, dict) else ref


def compare(found, field, expected, text):
    """A list of (field, expected, got, right) for one expected field."""
    if field == "text_contains":
        return [(field, expected, "", expected in text)]
    if field == "organisations":
        names = [o["name"] for o in found["organisations"]]
        return [(f"organisations:{name}", name, "", name in names) for name in expected]
    got = _value(found, field)
    if isinstance(expected, int) and isinstance(got, list):
        got = len(got)
    elif isinstance(expected, list):
        got = [_name(ref) for ref in got or []]
    elif isinstance(got, dict):
        got = _name(got)
    return [(field, expected, got, got == expected)]


def measure(samples=SAMPLES):
    from . import cleaning, extract
    from .services import Source, decode, read_source

    expected = json.loads((samples / "expected.json").read_text())
    sources = {name: Source(name, (samples / name).read_bytes()) for name in expected}
    repeated = cleaning.repeated_lines([decode(s.content) for s in sources.values() if s.file_format != "pdf"])
    results = {}
    for name, fields in expected.items():
        title, text = read_source(sources[name])
        cleaned = cleaning.clean(text, repeated=repeated)
        found = extract.extract(cleaned, html_title=title, directory=[])
        rows = []
        for field, value in fields.items():
            rows.extend(compare(found, field, value, cleaned.text))
        results[name] = rows
    return results


def summary(results):
    rows = [row for file_rows in results.values() for row in file_rows]
    right = sum(1 for row in rows if row[3])
    return right, len(rows)


def main():
    import django

    django.setup()
    results = measure()
    for name, rows in results.items():
        for field, want, got, ok in rows:
            if not ok:
                print(f"MISS {name} {field}: expected {want!r}, got {got!r}")
    right, total = summary(results)
    print(f"archive accuracy: {right}/{total} fields ({100 * right / total:.1f}%) over {len(results)} files")


if __name__ == "__main__":
    main()
