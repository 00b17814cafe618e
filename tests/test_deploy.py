"""The systemd unit shipped in deploy/: `systemd-analyze verify` finds nothing to say about it
(skipped where systemd is not installed), and it runs what the README says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "partnerbot.service"


def test_the_unit_runs_partnerbot_serve_with_a_fixed_data_directory() -> None:
    text = UNIT.read_text()
    assert "ExecStart=/opt/partnerbot/.venv/bin/partnerbot serve" in text
    assert "ExecStartPre=/opt/partnerbot/.venv/bin/partnerbot db upgrade" in text
    assert "Environment=PARTNERBOT_DATA_DIR=/var/lib/partnerbot" in text
    assert "StateDirectory=partnerbot" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_systemd_analyze_verify_has_nothing_to_say(tmp_path: Path) -> None:
    # Installed as the README says, /opt/partnerbot is a checkout like this one.
    unit = tmp_path / "partnerbot.service"
    unit.write_text(UNIT.read_text().replace("/opt/partnerbot", str(ROOT)))
    assert (ROOT / ".venv" / "bin" / "partnerbot").exists()
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
    assert result.stderr.strip() == ""


def test_the_unit_waits_longer_than_a_graceful_stop_takes() -> None:
    # systemd sends SIGKILL after TimeoutStopSec; partnerbot finishes acknowledged work within
    # PARTNERBOT_STOP_SECONDS (20 s by default) of SIGTERM, so the unit must wait longer.
    from bot.config import Settings

    [line] = [x for x in UNIT.read_text().splitlines() if x.startswith("TimeoutStopSec=")]
    default = Settings.model_fields["partnerbot_stop_seconds"].default
    assert int(line.split("=", 1)[1]) >= default + 5
