"""partnerbot: scheduler."""
