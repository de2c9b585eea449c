"""Renders the sample PDFs of the archive from pdf-sources/ (run once; the PDFs are kept).

    .venv/bin/python solidarity/archive/samples/make_pdfs.py
"""

from pathlib import Path

from weasyprint import HTML

HERE = Path(__file__).resolve().parent

for source in sorted((HERE / "pdf-sources").glob("*.html")):
    target = HERE / "archive" / "pdf" / (source.stem + ".pdf")
    HTML(filename=str(source)).write_pdf(str(target))
    print(target)
