"""The suite runs its slow files first (tests/running_order.py, applied in conftest.py): checked
on the tests of this run, in the order they run."""

from tests.running_order import TIERS, by_file, tier


def test_the_browser_files_and_those_marked_slow_run_first_then_those_on_committed_data(request):
    order = [tier(tests) for tests in by_file(request.session.items)]

    assert order == sorted(order, key=TIERS.index)


def test_each_file_s_tests_run_together(request):
    paths = [item.path for item in request.session.items]
    runs = [path for index, path in enumerate(paths) if index == 0 or paths[index - 1] != path]

    assert len(runs) == len(set(runs))
