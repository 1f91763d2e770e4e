"""`tagscan scan` (placeholder until the scanner lands)."""
