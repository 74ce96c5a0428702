"""The reading-guide generator: a text in, a study guide (site, PDF) out."""

__version__ = "0.2.0"
