"""`/metrics` in Prometheus's text format: the counters of handlers/common/metrics.py (and the
process's own, from prometheus_client), plus what is read when scraped — the database's
connection pool and the acknowledged requests not done yet (the inbox).

The HTTP server serves it beside `/slack/events`; Socket Mode and `partnerbot scheduler` serve it
on a small port of their own (`PARTNERBOT_METRICS_PORT`, see `serve_metrics`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import REGISTRY, make_wsgi_app, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy.pool import QueuePool

from storage.db import SessionFactory
from storage.inbox import count_waiting

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer

    from _typeshed.wsgi import WSGIApplication

log = logging.getLogger(__name__)


class Everything:
    """A prometheus_client collector: the process-wide metrics, then this database's."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.sessions = sessions

    def collect(self) -> Iterator[Metric]:
        """Every metric, read now."""
        yield from REGISTRY.collect()
        yield from self._pool()
        yield from self._inbox()

    def _pool(self) -> Iterator[Metric]:
        pool = self.sessions.kw["bind"].pool
        if not isinstance(pool, QueuePool):  # an in-memory SQLite database: no pool to watch
            return
        yield GaugeMetricFamily(
            "partnerbot_db_pool_size", "Connections the pool keeps open", value=pool.size()
        )
        yield GaugeMetricFamily(
            "partnerbot_db_pool_checked_out",
            "Pooled database connections in use now (past size + max overflow, requests wait)",
            value=pool.checkedout(),
        )
        yield GaugeMetricFamily(
            "partnerbot_db_pool_overflow",
            "Connections open beyond the pool's size now (negative: fewer than its size open)",
            value=pool.overflow(),
        )

    def _inbox(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(
            "partnerbot_database_up", "1 when the database answered this scrape, else 0"
        )
        try:
            with self.sessions() as session:
                waiting = count_waiting(session)
        except Exception:  # reported as down; the reason goes to the log
            log.exception("metrics: the database did not answer")
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield GaugeMetricFamily(
            "partnerbot_inbox_pending",
            "Requests acknowledged to Slack whose work is not done yet, in every process "
            "(finished after a restart if their process stopped)",
            value=waiting,
        )


def metrics_app(sessions: SessionFactory) -> WSGIApplication:
    """A WSGI app answering with every metric (`GET /metrics` on the HTTP server)."""
    app: WSGIApplication = make_wsgi_app(Everything(sessions))
    return app


def serve_metrics(
    sessions: SessionFactory, *, host: str, port: int
) -> tuple[WSGIServer, threading.Thread]:
    """Serve `/metrics` on `host:port` in a daemon thread (Socket Mode, the scheduler alone)."""
    server, thread = start_http_server(port, addr=host, registry=Everything(sessions))
    log.info("metrics on http://%s:%d/metrics", host, server.server_port)
    return server, thread
