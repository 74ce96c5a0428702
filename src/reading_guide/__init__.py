"""The reading-guide generator: a text in, a study guide (a site, a PDF and an EPUB) out."""

__version__ = "0.2.0"
