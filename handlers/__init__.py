"""Slack-facing code, one folder per feature. `register_listeners` gathers each feature's
listeners and what it adds to others (verbs, card parts, Home parts); the scheduler runs the
features' jobs from FEATURES. A new feature is a new folder plus one line in FEATURES (and its
commands, shortcuts and events in manifest.yml)."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltContext

from handlers import (
    boards,
    celebrations,
    compliance,
    contact_log,
    engagements,
    export,
    follow_ups,
    home,
    imports,
    installs,
    partners,
    people,
    reports,
    school_year,
    settings,
)
from handlers.common.feature import Feature
from handlers.deps import Deps

FEATURES: tuple[Feature, ...] = (
    partners.FEATURE,
    imports.FEATURE,  # before contact_log: a file sent in a DM is an import
    contact_log.FEATURE,
    follow_ups.FEATURE,
    celebrations.FEATURE,
    settings.FEATURE,
    school_year.FEATURE,
    compliance.FEATURE,
    people.FEATURE,
    engagements.FEATURE,
    export.FEATURE,
    boards.FEATURE,
    reports.FEATURE,
    home.FEATURE,
    installs.FEATURE,
)
SLASH_COMMANDS = tuple(c for f in FEATURES for c in f.commands)
SHORTCUTS = tuple(s for f in FEATURES for s in f.shortcuts)
EVENTS = tuple(e for f in FEATURES for e in f.events)


def register_listeners(app: App, deps: Deps) -> None:
    """Put `deps` in every request's context, then register every feature's listeners."""

    def with_deps(context: BoltContext, next: Callable[[], None]) -> None:
        context["deps"] = deps
        next()

    app.middleware(with_deps)
    for feature in FEATURES:
        deps.verbs.extend(feature.verbs)
        deps.card_parts.extend(feature.card_parts)
        deps.home_parts.extend(feature.home_parts)
    for feature in FEATURES:
        feature.register(app, deps)
