"""partnerbot: bot."""
