"""The book: one content model of the guide (model.py), written as a PDF (pdf.py, Typst) and an EPUB (epub.py)."""
