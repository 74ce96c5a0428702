"""The reading-guide generator (being assembled into a package)."""
