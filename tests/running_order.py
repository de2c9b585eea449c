"""The order the suite's files run in (conftest.py): the slow ones first, so that neither test
process is left working alone through a slow file at the end while the other has nothing to do.

The two processes each take the next file as they finish one (`--dist loadfile
--no-loadscope-reorder`, bin/test). Each file's tests stay together, in the order pytest-django
gives them (rolled back first, which can split a file)."""

TIERS = ("slow", "committed data", "the rest")


def tier(tests):
    """A file's tier, from its tests: a browser or the `slow` mark; committed data (a server, a
    worker or a process of its own, and the database put back at the end); or the rest."""
    fixtures = {name for test in tests for name in getattr(test, "fixturenames", ())}
    if "chromium" in fixtures or any(test.get_closest_marker("slow") for test in tests):
        return "slow"
    return "committed data" if "transactional_db" in fixtures else "the rest"


def by_file(items):
    files = {}
    for item in items:
        files.setdefault(item.path, []).append(item)
    return list(files.values())


def in_running_order(items):
    """The items, file by file: the tiers in order, most tests first within each."""
    files = sorted(by_file(items), key=lambda tests: (TIERS.index(tier(tests)), -len(tests)))
    return [item for tests in files for item in tests]
