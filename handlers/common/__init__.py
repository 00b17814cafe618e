"""Pieces every feature shares: Block Kit helpers and limits, mrkdwn escaping, modal forms,
replies, dates, grammar pieces and people's time zones. Imports no feature."""
