"""What partnerbot counts for its operators, in Prometheus terms (prometheus_client, its default
registry): Slack's requests and how long their answers took, the scheduled sends and how they
ended, Slack's rate limits and the retries they cost, and the scheduler's last good run.

Defined here, the lowest layer every sender and transport can reach; the database's pool and
the inbox are read when scraped (bot/metrics.py), and everything is served at `/metrics`."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

REQUESTS = Counter(
    "partnerbot_slack_requests",
    "Requests from Slack, by type (command, action, view, shortcut, options, event, unknown) "
    "and outcome (ok, error: the person was told something went wrong, rejected: refused "
    "before any work, e.g. a bad signature)",
    ["type", "outcome"],
)
ANSWER_SECONDS = Histogram(
    "partnerbot_slack_answer_seconds",
    "Seconds from a Slack request's arrival to its answer (Slack gives up after 3)",
    ["type"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0),
)
WORK_FAILURES = Counter(
    "partnerbot_slack_work_failures",
    "Work done after a request's ack (its answer, a form, a post) that failed, by request "
    "type; the person was told nothing (more) was saved",
    ["type"],
)
SENDS = Counter(
    "partnerbot_scheduled_sends",
    "Scheduled posts by kind (digest, debrief, prompt, nudge) and outcome (sent; failed: "
    "nothing posted, tried again later; given_up: failed for the last time; unknown: no answer "
    "from Slack, checked before posting again). A digest found in the DM after an unknown "
    "outcome counts once more as sent.",
    ["kind", "outcome"],
)
SLACK_RATE_LIMITED = Counter(
    "partnerbot_slack_api_rate_limited",
    "HTTP 429 answers from Slack's Web API, by method",
    ["method"],
)
SLACK_RETRIES = Counter(
    "partnerbot_slack_api_retries",
    "Web API calls made again, by reason (rate_limited: after waiting Retry-After; connection: "
    "the request never reached Slack)",
    ["reason"],
)
SCHEDULER_LAST_SUCCESS = Gauge(
    "partnerbot_scheduler_last_success_timestamp_seconds",
    "When this process's scheduler last finished a run without an error (Unix time); 0 before "
    "the first",
)

SEND_OUTCOMES = ("sent", "failed", "given_up", "unknown")
for _outcome in SEND_OUTCOMES:  # every series from the start: a rate over 0 is a rate
    for _kind in ("digest", "debrief", "prompt", "nudge"):
        SENDS.labels(_kind, _outcome)


def count_send(kind: str, outcome: str) -> None:
    """One scheduled post of `kind` ended with `outcome` (one of SEND_OUTCOMES)."""
    SENDS.labels(kind, outcome.replace(" ", "_")).inc()
