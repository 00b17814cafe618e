"""The systemd units shipped in deploy/, one per way of running partnerbot: `systemd-analyze
verify` finds nothing to say about them, `systemd-analyze security` rates each at most 3.0
(skipped where systemd is not installed), and they run what the README says."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BIN = "/opt/partnerbot/.venv/bin/partnerbot"
UNITS = {
    "partnerbot-socket.service": BIN,
    "partnerbot-http.service": f"{BIN} serve --host 127.0.0.1 --port 3000",
    "partnerbot-scheduler.service": f"{BIN} scheduler",
}
ANALYZE = shutil.which("systemd-analyze")
needs_systemd = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")


def _settings(unit: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in (DEPLOY / unit).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            found.setdefault(key, []).append(value)
    return found


def test_deploy_holds_a_unit_per_transport_and_one_for_the_scheduler() -> None:
    assert sorted(p.name for p in DEPLOY.glob("*.service")) == sorted(UNITS)


@pytest.mark.parametrize(("unit", "command"), UNITS.items())
def test_each_unit_runs_its_command_with_a_fixed_data_directory(unit: str, command: str) -> None:
    settings = _settings(unit)
    assert settings["ExecStart"] == [command]
    assert "PARTNERBOT_DATA_DIR=/var/lib/partnerbot" in settings["Environment"]
    assert settings["StateDirectory"] == ["partnerbot"]
    assert settings["EnvironmentFile"] == ["/etc/partnerbot/partnerbot.env"]
    assert settings["UMask"] == ["0077"]


def test_the_web_units_upgrade_the_schema_and_the_scheduler_starts_after_them() -> None:
    for unit in ("partnerbot-socket.service", "partnerbot-http.service"):
        assert _settings(unit)["ExecStartPre"] == [f"{BIN} db upgrade"]
    scheduler = _settings("partnerbot-scheduler.service")
    assert "ExecStartPre" not in scheduler
    [after] = scheduler["After"]
    assert {"partnerbot-socket.service", "partnerbot-http.service"} <= set(after.split())


def test_the_socket_and_scheduler_units_serve_metrics_on_ports_of_their_own() -> None:
    ports = [
        value.split("=", 1)[1]
        for unit in ("partnerbot-socket.service", "partnerbot-scheduler.service")
        for value in _settings(unit)["Environment"]
        if value.startswith("PARTNERBOT_METRICS_PORT=")
    ]
    assert len(ports) == len(set(ports)) == 2


@pytest.mark.parametrize("unit", UNITS)
def test_each_unit_waits_for_the_network_and_postgresql_and_backs_off(unit: str) -> None:
    settings = _settings(unit)
    for key in ("After", "Wants"):
        [value] = settings[key]
        assert {"network-online.target", "postgresql.service"} <= set(value.split())
    assert settings["Restart"] == ["on-failure"]
    assert int(settings["RestartSec"][0]) >= 5
    # At most StartLimitBurst starts in StartLimitIntervalSec, then systemd stops trying.
    assert int(settings["StartLimitIntervalSec"][0]) >= 60 * int(settings["StartLimitBurst"][0])


@pytest.mark.parametrize("unit", UNITS)
def test_each_unit_waits_longer_than_a_graceful_stop_takes(unit: str) -> None:
    # systemd sends SIGKILL after TimeoutStopSec; partnerbot finishes acknowledged work within
    # PARTNERBOT_STOP_SECONDS (20 s by default) of SIGTERM, so the unit must wait longer.
    from bot.config import Settings

    [seconds] = _settings(unit)["TimeoutStopSec"]
    default = Settings.model_fields["partnerbot_stop_seconds"].default
    assert int(seconds) >= default + 5


def _installed_here(unit: str, folder: Path) -> Path:
    """The unit as installed from this checkout: /opt/partnerbot is a checkout like this one."""
    assert (ROOT / ".venv" / "bin" / "partnerbot").exists()
    path = folder / unit
    path.write_text((DEPLOY / unit).read_text().replace("/opt/partnerbot", str(ROOT)))
    return path


@needs_systemd
def test_systemd_analyze_verify_has_nothing_to_say(tmp_path: Path) -> None:
    assert ANALYZE is not None
    paths = [str(_installed_here(unit, tmp_path)) for unit in UNITS]
    result = subprocess.run(
        [ANALYZE, "verify", *paths], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
    assert result.stderr.strip() == ""


def _offline_security_supported() -> bool:
    if ANALYZE is None:
        return False
    version = subprocess.run(
        [ANALYZE, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    found = re.match(r"systemd (\d+)", version)
    return found is not None and int(found.group(1)) >= 252  # --offline= came in 252


@pytest.mark.skipif(
    not _offline_security_supported(), reason="systemd-analyze security --offline needs systemd 252"
)
@pytest.mark.parametrize("unit", UNITS)
def test_systemd_analyze_security_rates_each_unit_at_most_3(unit: str, tmp_path: Path) -> None:
    assert ANALYZE is not None
    path = _installed_here(unit, tmp_path)
    result = subprocess.run(
        [ANALYZE, "security", "--offline=yes", "--no-pager", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d)", result.stdout)
    assert found is not None, result.stdout + result.stderr
    assert float(found.group(1)) <= 3.0, result.stdout
