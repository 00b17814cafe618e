"""`python -m bot` runs the `partnerbot` command."""

from bot.cli import main

main()
