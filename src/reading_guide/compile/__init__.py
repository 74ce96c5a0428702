"""The engine-neutral build: a compile step that reads a guide and writes what any engine renders.

`compile_guide` (stage.py) reads mkdocs.yml, docs/ and the glossary, checks them, converts every page
once with Python-Markdown to learn where each term occurs, and writes the authored pages and the
generated ones (glossary index and entries with their back-links, timeline, questions) into a staging
folder, with guide.json (manifest.py) for the Markdown extension. engines.py runs Zensical on it.
"""
