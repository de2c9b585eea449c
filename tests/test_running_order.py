"""The suite runs its slow files first (conftest.py), so that neither test process is left
working alone through a slow file at the end while the other has nothing to do."""


def tier(tests):
    fixtures = {name for test in tests for name in test.fixturenames}
    if "chromium" in fixtures or any(test.get_closest_marker("slow") for test in tests):
        return "slow"
    return "committed data" if "transactional_db" in fixtures else "the rest"


def test_the_browser_files_and_those_marked_slow_run_first_then_those_on_committed_data(request):
    files = {}
    for item in request.session.items:
        files.setdefault(item.path, []).append(item)
    order = [tier(tests) for tests in files.values()]

    assert order == sorted(order, key=["slow", "committed data", "the rest"].index)


def test_each_file_s_tests_run_together(request):
    paths = [item.path for item in request.session.items]
    runs = [path for index, path in enumerate(paths) if index == 0 or paths[index - 1] != path]

    assert len(runs) == len(set(runs))
