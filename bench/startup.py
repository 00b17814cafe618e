"""Start-up: `partnerbot serve` until `/healthz` answers 200, and `partnerbot console` until it
has answered its first command (`/partner help`), each a fresh process on a migrated SQLite
database with the fake Slack on loopback; beside floors measured in the same run: a bare Bolt
app served by waitress answering a health check, and a bare Bolt app dispatching one command
in-process and printing the answer. Also `python -X importtime`: the heaviest packages."""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench.results import Figure, Run
from bot.console.localslack import LocalSlack
from storage.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
PARTNERBOT = str(Path(sys.executable).parent / "partnerbot")
TARGET_S = 1.5

BARE_SERVE = """
import sys
from slack_bolt import App
from waitress import serve
app = App(signing_secret="s", token="xoxb-bare", token_verification_enabled=False)
@app.command("/contact")
def ack(ack):
    ack()
def wsgi(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
serve(wsgi, host="127.0.0.1", port=int(sys.argv[1]), threads=4)
"""

BARE_CONSOLE = """
import sys, time
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
client = WebClient(token="xoxb-bare", base_url=sys.argv[1])
app = App(signing_secret="s", client=client, process_before_response=True)
@app.command("/partner")
def help(ack):
    ack("Partners: keep every business partnership in one place.")
line = sys.stdin.readline()
body = "command=/partner&text=help&user_id=U1&team_id=T1&channel_id=C1&trigger_id=1.2"
ts = str(int(time.time()))
sig = SignatureVerifier("s").generate_signature(timestamp=ts, body=body)
headers = {"x-slack-request-timestamp": [ts], "x-slack-signature": [sig],
           "content-type": ["application/x-www-form-urlencoded"]}
print(app.dispatch(BoltRequest(body=body, headers=headers)).body, flush=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def until_healthy(command: list[str], port: int, env: dict[str, str]) -> float:
    """Seconds from starting `command` until GET /healthz on `port` answers 200."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"{command[0]} exited: {error[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - began
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.005)
    finally:
        process.terminate()
        process.wait(10)


def until_answered(command: list[str], line: str, expect: str, env: dict[str, str]) -> float:
    """Seconds from starting `command` with `line` typed until its output shows `expect`."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()
    try:
        for out in process.stdout:
            if expect in out:
                return time.perf_counter() - began
        raise RuntimeError(f"{command[0]} never answered {line!r}")
    finally:
        process.stdin.close()
        process.terminate()
        process.wait(10)


def heaviest_imports(top: int = 8) -> tuple[float, list[tuple[str, float]]]:
    """`python -X importtime` of what serve and the console import: the total, and the
    heaviest packages (each one's cumulative import time where it was first imported; nested
    packages count in their importer's time too)."""
    code = "import bot.cli, bot.app, bot.http, bot.console.repl"
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    packages: dict[str, float] = {}
    total = 0.0
    for row in out.stderr.splitlines():
        if not row.startswith("import time:") or "self [us]" in row:
            continue
        _, cumulative, name = row.split(":", 1)[1].split("|")
        seconds = int(cumulative) / 1e6
        if name.startswith(" ") and not name.startswith("  "):
            total += seconds  # imported by the command itself
        module = name.strip()
        if "." not in module and module not in ("bot", "handlers", "storage", "scheduler"):
            packages[module] = max(packages.get(module, 0.0), seconds)
    return total, sorted(packages.items(), key=lambda kv: -kv[1])[:top]


def best(fn: Callable[[], float], repeats: int) -> float:
    """The median of `repeats` runs after one warm-up (the OS file cache)."""
    fn()
    return statistics.median(fn() for _ in range(repeats))


def main(argv: list[str] | None = None) -> None:
    """Run the start-up benchmark, print its numbers and save them."""
    parser = argparse.ArgumentParser(prog="python -m bench startup", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    results = Run("startup", {"repeats": args.repeats, "database": "sqlite"})
    with tempfile.TemporaryDirectory(prefix="partnerbot-startup-") as tmp, LocalSlack() as slack:
        url = f"sqlite:///{tmp}/startup.db"
        upgrade(url)
        # As installed, Python keeps the compiled bytecode of partnerbot's modules (the warm-up
        # run writes it): a PYTHONDONTWRITEBYTECODE in the caller's environment would make
        # every start compile them all again (about half a second here).
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {
            **base,
            "SLACK_BOT_TOKEN": "xoxb-bench-startup",
            "SLACK_SIGNING_SECRET": "bench",
            "SLACK_API_URL": slack.api_url,
            "DATABASE_URL": url,
            "PARTNERBOT_DATA_DIR": tmp,
        }
        console_env = {k: v for k, v in env.items() if not k.startswith("SLACK_")}

        def serve() -> float:
            port = free_port()
            command = [PARTNERBOT, "serve", "--port", str(port)]
            return until_healthy(command, port, env)

        def bare_serve() -> float:
            port = free_port()
            return until_healthy([sys.executable, "-c", BARE_SERVE, str(port)], port, env)

        def console() -> float:
            command = [PARTNERBOT, "console"]
            return until_answered(command, "/partner help", "keep every business", console_env)

        def bare_console() -> float:
            command = [sys.executable, "-c", BARE_CONSOLE, slack.api_url]
            return until_answered(command, "/partner help", "keep every business", env)

        def interpreter() -> float:
            began = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            return time.perf_counter() - began

        python = best(interpreter, args.repeats)
        bare = best(bare_serve, args.repeats)
        results.add(Figure("partnerbot serve: /healthz answers 200", best(serve, args.repeats),
                           "s", bare, "bare Bolt + waitress", TARGET_S))  # fmt: skip
        bare = best(bare_console, args.repeats)
        results.add(Figure("partnerbot console: first command answered",
                           best(console, args.repeats), "s", bare, "bare Bolt dispatch",
                           TARGET_S))  # fmt: skip
        results.add(Figure("python -c pass", python, "s"))
    total, heaviest = heaviest_imports()
    results.add(Figure("imports of serve and the console (-X importtime)", total, "s"))
    for package, seconds in heaviest:
        results.add(Figure(f"  {package}", seconds, "s"))
    results.save()


if __name__ == "__main__":
    main()
