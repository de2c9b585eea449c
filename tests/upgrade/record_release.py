"""Record the last migration of every app at a release, for the upgrade test.

    .venv/bin/python -m tests.upgrade.record_release c663f91

checks the commit out in a throwaway git worktree, asks Django's migration loader there (with
this virtualenv) for the leaf migration of each app, and writes tests/upgrade/release.json.
Run it for each new release; the test then upgrades from that release.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LEAVES = """
import json, django
django.setup()
from django.db.migrations.loader import MigrationLoader
print(json.dumps(sorted(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())))
"""


def leaves_at(commit):
    with tempfile.TemporaryDirectory(prefix="solidarity-release-") as work:
        tree = Path(work) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=REPO, check=True,
                       capture_output=True)
        try:
            env = {"DJANGO_SETTINGS_MODULE": "solidarity.settings", "DEBUG": "true", "VAR_DIR": str(Path(work) / "var"),
                   "PATH": "/usr/bin:/bin"}
            found = subprocess.run([sys.executable, "-c", LEAVES], cwd=tree, env=env, check=True,
                                   capture_output=True, text=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=True)
    return json.loads(found.stdout.strip().splitlines()[-1])


def main(commit):
    full = subprocess.run(["git", "rev-parse", commit], cwd=REPO, check=True, capture_output=True,
                          text=True).stdout.strip()
    record = {"release": full, "leaves": leaves_at(full)}
    (HERE / "release.json").write_text(json.dumps(record, indent=1) + "\n")
    print(f"{len(record['leaves'])} apps recorded at {full[:12]}")


if __name__ == "__main__":
    main(sys.argv[1])
