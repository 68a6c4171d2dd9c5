#!/usr/bin/env python3
"""Regenerates the attachment fixtures of SiftExtractTests. Every secret is fake.

    python3 -m venv /tmp/fixvenv && /tmp/fixvenv/bin/pip install python-docx openpyxl python-pptx reportlab odfpy
    cd Tests/SiftExtractTests/Fixtures && /tmp/fixvenv/bin/python make-fixtures.py

The files are real documents written by those libraries (the same formats Word, Excel, PowerPoint,
LibreOffice and PDF printers write), kept small.
"""
import gzip, io, os, struct, tarfile, zipfile

import docx
import openpyxl
from odf.opendocument import OpenDocumentText, OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P
from pptx import Presentation
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

# A docx whose only secret is in the page header.
d = docx.Document()
d.add_paragraph("Quarterly access review. Nothing sensitive in the body.")
d.sections[0].header.paragraphs[0].text = "Header: api_key = FAKE-DOCX-HEADER-SECRET"
d.add_paragraph("Second paragraph.")
d.save("header-secret.docx")

# An xlsx whose secret is in cell C7 of the third sheet.
wb = openpyxl.Workbook()
wb.active.title = "Summary"
wb.active["A1"] = "nothing here"
wb.create_sheet("Hosts")["B2"] = "db01.internal"
third = wb.create_sheet("Credentials")
third["A1"] = "service"
third["C7"] = "FAKE-XLSX-SHEET3-SECRET"
third["D7"] = 42
wb.save("third-sheet-secret.xlsx")

# A pptx whose secret is only in the speaker notes of slide 2.
p = Presentation()
s1 = p.slides.add_slide(p.slide_layouts[1])
s1.shapes.title.text = "Roadmap"
s2 = p.slides.add_slide(p.slide_layouts[1])
s2.shapes.title.text = "Deployment"
s2.notes_slide.notes_text_frame.text = "Remember: deploy token FAKE-PPTX-NOTES-SECRET"
p.save("speaker-notes-secret.pptx")

# A PDF whose secret is on page 2.
c = canvas.Canvas("page2-secret.pdf", pagesize=A4)
c.drawString(72, 720, "Page one: the runbook introduction.")
c.showPage()
c.drawString(72, 720, "Page two: vault token FAKE-PDF-PAGE2-SECRET")
c.showPage()
c.save()

# OpenDocument text and spreadsheet.
odt = OpenDocumentText()
odt.text.addElement(P(text="Intro"))
odt.text.addElement(P(text="odt secret FAKE-ODT-SECRET"))
odt.save("secret.odt")
ods = OpenDocumentSpreadsheet()
table = Table(name="Keys")
for row_values in [["name", "value"], ["token", "FAKE-ODS-SECRET"]]:
    row = TableRow()
    for value in row_values:
        cell = TableCell()
        cell.addElement(P(text=value))
        row.addElement(cell)
    table.addElement(row)
ods.spreadsheet.addElement(table)
ods.save("secret.ods")

# A .env inside a zip inside a zip.
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("config/.env", "APP_ENV=prod\nDB_PASSWORD=FAKE-NESTED-ZIP-SECRET\n")
with zipfile.ZipFile("nested.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("readme.txt", "deployment bundle\n")
    z.writestr("inner/bundle.zip", inner.getvalue())

# A zip bomb: one entry of 200 MB of zeros (compresses about 1000:1).
with zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("zeros.bin", "w", force_zip64=True) as f:
        block = b"\0" * (1 << 20)
        for _ in range(200):
            f.write(block)

# A truncated zip: the first 60 % of nested.zip.
data = open("nested.zip", "rb").read()
open("truncated.zip", "wb").write(data[: len(data) * 6 // 10])

# An encrypted zip entry (ZipCrypto flag set; the content itself is irrelevant here).
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
    z.writestr("secret.txt", "x")
raw = bytearray(buf.getvalue())
raw[6] |= 1  # local header flag
central = raw.find(b"PK\x01\x02")
raw[central + 8] |= 1  # central directory flag
open("encrypted-entry.zip", "wb").write(bytes(raw))

# A UTF-16 LE log with a BOM, and a tar.gz with a key file.
open("utf16.log", "wb").write("\ufeff2024-05-01 login ok\n2024-05-01 token=FAKE-UTF16-SECRET\n".encode("utf-16-le"))
tar_buffer = io.BytesIO()
with tarfile.open(fileobj=tar_buffer, mode="w") as t:
    payload = b"-----BEGIN FAKE KEY-----\nFAKE-TAR-SECRET\n-----END FAKE KEY-----\n"
    info = tarfile.TarInfo("keys/deploy.pem")
    info.size = len(payload)
    t.addfile(info, io.BytesIO(payload))
open("keys.tar.gz", "wb").write(gzip.compress(tar_buffer.getvalue(), mtime=0))

# Latin-1 text and an RTF document.
open("latin1.txt", "wb").write("café password=FAKE-LATIN1-SECRET\n".encode("latin-1"))
open("secret.rtf", "wb").write(rb"{\rtf1\ansi{\fonttbl\f0 Arial;}\f0 caf\'e9 token FAKE-RTF-SECRET\par second line}")
print("written:", sorted(f for f in os.listdir(".") if not f.endswith(".py")))
