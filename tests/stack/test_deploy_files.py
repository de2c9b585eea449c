"""deploy/ against what it serves: every scheduled command has a timer that bin/stack runs when
systemd would, and the environment file names every setting. These need no running stack."""

import importlib.machinery
import importlib.util
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEMD = ROOT / "deploy" / "systemd"


@pytest.fixture(scope="module")
def stack_module():
    loader = importlib.machinery.SourceFileLoader("bin_stack", str(ROOT / "bin" / "stack"))
    spec = importlib.util.spec_from_loader("bin_stack", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def timers():
    return sorted(SYSTEMD.glob("*.timer"))


def calendar_of(path):
    return [line.split("=", 1)[1].strip() for line in path.read_text().splitlines() if line.startswith("OnCalendar=")]


def test_the_stack_reads_each_timer_as_systemd_does(stack_module):
    Calendar = stack_module.Calendar
    assert Calendar("*-*-* *:02/5:00").next_after(datetime(2026, 1, 1, 10, 3, 0)) == datetime(2026, 1, 1, 10, 7, 0)
    assert Calendar("*-*-* *:*:00").next_after(datetime(2026, 1, 1, 10, 3, 0)) == datetime(2026, 1, 1, 10, 4, 0)
    assert Calendar("*-*-* 03:30:00").next_after(datetime(2026, 1, 1, 3, 30, 0)) == datetime(2026, 1, 2, 3, 30, 0)
    assert Calendar("daily").next_after(datetime(2026, 12, 31, 23, 0)) == datetime(2027, 1, 1, 0, 0)
    assert Calendar("Mon *-*-* 02:00").next_after(datetime(2026, 12, 6, 12, 0)) == datetime(2026, 12, 7, 2, 0)
    assert timers(), "deploy/systemd has no timers"
    analyze = shutil.which("systemd-analyze")
    for timer in timers():
        for spec in calendar_of(timer):
            calendar = Calendar(spec)
            if analyze is None:
                continue
            # systemd's own reading of the same line, the next three times from now.
            for _attempt in range(2):
                now = datetime.now()
                output = subprocess.run([analyze, "calendar", "--iterations=3", spec], capture_output=True,
                                        text=True, check=True).stdout
                theirs = [datetime.strptime(m, "%Y-%m-%d %H:%M:%S")
                          for m in re.findall(r"(?:Next elapse|Iter\. #\d+): \w+ (\S+ \S+)", output)]
                ours, moment = [], now
                for _ in theirs:
                    moment = calendar.next_after(moment)
                    ours.append(moment)
                if ours == theirs or datetime.now().second == now.second:
                    break
            assert len(theirs) == 3 and ours == theirs, f"{timer.name}: {spec}"


def test_every_scheduled_command_of_the_operations_guide_has_a_timer():
    guide = (ROOT / "docs" / "operations.md").read_text()
    scheduled = set()
    for line in guide.splitlines():
        match = re.match(r"\s+[\d*/,-]+ [\d*/,-]+ \* \* \*\s+manage\.py (\S+)((?: --[\w-]+)*)", line)
        if match:
            scheduled.add(match.group(1) + match.group(2))
    assert scheduled, "no cron lines found in docs/operations.md"
    run_by_timers = set()
    for timer in timers():
        service = timer.with_suffix(".service").read_text()
        command = re.search(r"^ExecStart=.*manage\.py (\S+)(.*)$", service, re.MULTILINE)
        flags = "".join(f" {flag}" for flag in re.findall(r"--[\w-]+", command.group(2)) if flag not in ("--remove", "--skip-checks"))
        run_by_timers.add(command.group(1) + flags)
    assert scheduled - run_by_timers == set()


def test_every_timers_command_skips_djangos_checks_which_run_when_the_code_is_deployed():
    for timer in timers():
        service = timer.with_suffix(".service").read_text()
        command = re.search(r"^ExecStart=.*manage\.py .*$", service, re.MULTILINE).group(0)
        assert command.endswith(" --skip-checks"), timer.name


def test_nginx_lets_go_of_an_idle_app_server_connection_before_the_app_server_closes_it():
    # Otherwise a POST can meet a connection gunicorn is closing: a 502 nginx never retries.
    upstream = re.search(r"upstream solidarity_app \{(.*?)\n\}", (ROOT / "deploy" / "nginx" / "solidarity.conf").read_text(),
                         re.DOTALL).group(1)
    nginx_idle = re.search(r"^\s*keepalive_timeout (\d+)s;", upstream, re.MULTILINE)
    unit = (ROOT / "deploy" / "systemd" / "solidarity-web@.service").read_text()
    gunicorn_idle = int(re.search(r"--keep-alive (\d+)", unit).group(1))
    assert nginx_idle is not None, "nginx keeps idle connections 60 s by default"
    assert int(nginx_idle.group(1)) < gunicorn_idle


def test_the_environment_file_names_every_setting():
    settings = (ROOT / "solidarity" / "settings.py").read_text()
    names = set(re.findall(r"""(?:env(?:bool|int|list)|os\.environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""", settings))
    # Read by the tests and development tools, never by a production server.
    names -= {"TEST_DATABASE_NAME", "STATICFILES_STORAGE"}
    environment = (ROOT / "deploy" / "solidarity.env").read_text()
    named = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", environment, re.MULTILINE))
    assert names - named == set()


def test_every_template_renders_with_the_stacks_values(stack_module, tmp_path, monkeypatch):
    monkeypatch.setenv("STACK_DIR", str(tmp_path))
    stack = stack_module.Stack(stack_module.configuration())
    values = stack.values()
    for template in (ROOT / "deploy").rglob("*"):
        if template.is_file() and template.suffix != ".md":
            try:
                text = stack_module.render_text(template.read_text(), values)
            except KeyError as missing:
                # Only a value a machine may lack leaves a file out of the stack.
                assert missing.args[0] in stack_module.OPTIONAL_VALUES, template
                continue
            leftover = [line for line in text.splitlines() if "{{" in line and not line.lstrip().startswith("#")]
            assert leftover == [], template


def test_the_environment_file_reads_the_same_in_the_shell_as_in_systemd(stack_module, tmp_path, monkeypatch):
    monkeypatch.setenv("STACK_DIR", str(tmp_path))
    stack = stack_module.Stack(stack_module.configuration())
    rendered = tmp_path / "solidarity.env"
    rendered.write_text(stack_module.render_text((ROOT / "deploy" / "solidarity.env").read_text(), stack.values()))
    as_systemd = stack_module.read_environment_file(rendered)
    shell = subprocess.run(["bash", "-c", f"set -a; . {rendered}; set +a; env -0"], capture_output=True, check=True,
                           env={"PATH": "/usr/bin:/bin"})
    as_shell = dict(item.split("=", 1) for item in shell.stdout.decode().split("\0") if "=" in item)
    assert {key: as_shell.get(key) for key in as_systemd} == as_systemd
    assert as_systemd["DEFAULT_FROM_EMAIL"] == "Solidarity <noreply@localhost>"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_finds_nothing_to_say_about_the_units(stack_module, tmp_path, monkeypatch):
    monkeypatch.setenv("STACK_DIR", str(tmp_path / "stack"))
    (tmp_path / "stack").mkdir()
    stack = stack_module.Stack(stack_module.configuration())
    values = stack.values()
    units = tmp_path / "units"
    units.mkdir()
    for template in filter(Path.is_file, SYSTEMD.iterdir()):
        name = template.name.replace("@.", "@1.")
        (units / name).write_text(stack_module.render_text(template.read_text(), values))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *sorted(map(str, units.iterdir()))],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.parametrize("address", [
    "/en/campaigns/confirm/k3y-only-the-signer-has/", "/campaigns/confirm/k3y-only-the-signer-has/",
    "/fa/newsletter/unsubscribe/k3y-only-the-signer-has/", "/newsletter/preferences/k3y-only-the-signer-has",
    "/admin/password_reset/confirm/MQ/k3y-only-the-signer-has/",
])
def test_nginx_access_log_never_keeps_an_emailed_token(address):
    # The map's patterns as nginx reads them (PCRE; Python's re agrees on these), first match wins.
    conf = (ROOT / "deploy" / "nginx" / "solidarity.conf").read_text()
    block = re.search(r"map \$uri \$solidarity_log_path \{(.*?)\n\}", conf, re.S).group(1)
    logged = "/"
    for pattern, value in re.findall(r'^\s*"~([^"]+)"\s+(\S+);', block, re.M):
        found = re.search(pattern.replace("?<", "?P<"), address)
        if found:
            logged = found.group(value.lstrip("$"))
            break
    assert "k3y" not in logged, logged
    assert logged != "/" or not address.startswith(("/en/", "/fa/"))
