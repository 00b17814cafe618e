"""partnerbot: storage."""
