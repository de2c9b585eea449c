"""Each domain app reaches another only through that app's `models`, `services` or `signals`;
shared helpers live once in solidarity/core, and core imports no domain app at all."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "solidarity"
# Every app but core, found on disk, so that a new app is held to the rule from its first day.
DOMAIN_APPS = {path.parent.name for path in ROOT.glob("*/apps.py")} - {"core"}
PUBLIC_MODULES = {"models", "services", "signals"}
SKIPPED_FOLDERS = {"tests", "migrations"}

# Imports still crossing the boundary, by (file, imported module). Keep this list empty if you can.
ALLOWED: set[tuple[str, str]] = set()


def _imported_modules(node):
    """The dotted modules an import statement reaches, `from a import b` counted as `a.b`."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or not node.module:
        return []
    return [f"{node.module}.{alias.name}" for alias in node.names] if node.module.count(".") == 1 else [node.module]


def _crossing(app, module):
    parts = module.split(".")
    if parts[0] != "solidarity" or len(parts) < 2 or parts[1] == app or parts[1] not in DOMAIN_APPS:
        return False
    if app == "core":
        return True
    return len(parts) < 3 or parts[2] not in PUBLIC_MODULES


def boundary_violations():
    found = []
    for app in sorted(DOMAIN_APPS | {"core"}):
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if SKIPPED_FOLDERS & set(relative.parts):
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                for module in _imported_modules(node):
                    if _crossing(app, module) and (relative.as_posix(), module) not in ALLOWED:
                        found.append(f"solidarity/{relative}:{node.lineno} imports {module}")
    return found


def test_domain_apps_reach_each_other_only_through_models_services_and_signals():
    violations = boundary_violations()
    assert not violations, "Imports across app boundaries:\n" + "\n".join(violations)


def test_every_app_is_checked():
    assert {"archive", "campaigns", "cases", "contact", "mailreply", "mirrors", "network", "newsletter", "publishing",
            "search", "supporters"} <= DOMAIN_APPS


def test_the_check_sees_a_helper_borrowed_from_another_app(tmp_path):
    tree = ast.parse("def f():\n    from solidarity.network.countries import COUNTRIES\n")
    modules = [m for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for m in _imported_modules(node)]
    assert modules == ["solidarity.network.countries"]
    assert _crossing("campaigns", "solidarity.network.countries")
    assert _crossing("campaigns", "solidarity.network.countries.COUNTRIES")
    assert not _crossing("campaigns", "solidarity.network.models.Letter")
    assert not _crossing("campaigns", "solidarity.network.services")
    assert not _crossing("network", "solidarity.network.countries")
    assert _crossing("core", "solidarity.network.models")
