#!/usr/bin/env python3
"""Writes the input files of extract-bench: one realistic file per attachment format, 1-20 MB each.
Every secret in them is fake.

    python3 -m venv /tmp/xvenv && /tmp/xvenv/bin/pip install python-docx openpyxl python-pptx reportlab odfpy
    /tmp/xvenv/bin/python Benchmarks/make-extract-corpus.py [--out Benchmarks/.corpus/extract] [--scale 1.0]

The content is deterministic (one seeded generator; zip timestamps and document dates fixed), so
runs on different days measure the same files. `--scale` multiplies every size (0.1 for a quick
try). The output directory is git-ignored.
"""
import argparse, datetime, gzip, io, json, os, random, tarfile, time, zipfile

import docx
import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import Table, TableCell, TableRow
from odf.text import H, P
from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

parser = argparse.ArgumentParser()
parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".corpus", "extract"))
parser.add_argument("--scale", type=float, default=1.0)
args = parser.parse_args()
os.makedirs(args.out, exist_ok=True)
rng = random.Random(20240501)
FIXED_DATE = (2024, 5, 1, 12, 0, 0)
MB = 1_000_000


def size(megabytes):
    return max(int(megabytes * args.scale * MB), 4096)


WORDS = """the a to of and in is for on that with be this it as are from by at or not you we can will an
deployment service cluster node database backup restore token credential rotation access review policy
incident runbook release pipeline build artifact container image registry namespace secret config
environment staging production region replica latency throughput error timeout retry queue worker
customer account invoice payment order shipment report quarterly budget forecast team owner manager
migration schema index query cache session request response header endpoint gateway proxy firewall
certificate key vault storage bucket object upload download sync monitor alert dashboard metric log
user group role permission audit compliance retention encryption network subnet route balancer
""".split()
NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar"]
SERVICES = ["OrderService", "BillingWorker", "AuthGateway", "SearchIndexer", "ReportJob", "SyncAgent"]
LEVELS = ["INFO"] * 14 + ["DEBUG"] * 4 + ["WARN"] * 2 + ["ERROR"]


def sentence(low=6, high=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph():
    return " ".join(sentence() for _ in range(rng.randint(2, 5)))


def fake_secret():
    """One of a few shapes of fake credentials, sprinkled at a low rate."""
    kind = rng.randrange(4)
    tail = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(16))
    if kind == 0:
        return f"aws_access_key_id = AKIAFAKE{tail}"
    if kind == 1:
        return f"password={rng.choice(NAMES)}-FAKE-{tail.lower()}"
    if kind == 2:
        return f"Authorization: Bearer FAKE.{tail}.{tail[::-1]}"
    return f"jdbc:postgresql://{rng.choice(NAMES)}:FAKE{tail}@db01.internal:5432/app"


start_time = datetime.datetime(2024, 5, 1, 0, 0, 0)


def log_line(i):
    moment = start_time + datetime.timedelta(milliseconds=i * 137)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    level = rng.choice(LEVELS)
    service = rng.choice(SERVICES)
    ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"
    if rng.random() < 0.002:
        message = fake_secret()
    elif level == "ERROR":
        message = f"request {rng.randrange(10**9):09d} failed: {sentence(4, 10)} (retry {rng.randrange(5)})"
    else:
        message = f"user={rng.choice(NAMES)} ip={ip} took {rng.randrange(1, 900)} ms: {sentence(3, 12)}"
    return f"{stamp} {level:5} [worker-{rng.randrange(16)}] c.example.{service} - {message}\n"


def log_text(target):
    lines, total, i = [], 0, 0
    while total < target:
        line = log_line(i)
        lines.append(line)
        total += len(line.encode())
        i += 1
    return "".join(lines)


def normalize_zip(path):
    """Rewrites a zip with every entry dated FIXED_DATE, keeping order and compression, so that the
    libraries' timestamps do not change the bytes from one run to the next."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def write_zip(path_or_buffer, files):
    with zipfile.ZipFile(path_or_buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(zipfile.ZipInfo(name, date_time=FIXED_DATE), data, compress_type=zipfile.ZIP_DEFLATED)


def out(name):
    return os.path.join(args.out, name)


def timed(name, make):
    began = time.time()
    make(out(name))
    print(f"{name:24} {os.path.getsize(out(name)) / MB:7.2f} MB  ({time.time() - began:.1f} s)", flush=True)


# Plain text: an application log (UTF-8) and a Windows service log (UTF-16 LE with BOM).
def make_log(path):
    open(path, "w", encoding="utf-8").write(log_text(size(16)))


def make_utf16(path):
    text = log_text(size(16) // 2).replace("\n", "\r\n")
    open(path, "wb").write("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))


def make_csv(path):
    rows, total, i = ["id,created,owner,region,amount,currency,status,note\n"], 0, 0
    while total < size(16):
        note = sentence(3, 10).replace(",", "")
        if rng.random() < 0.002:
            note = fake_secret().replace(",", ";")
        row = (f"{i},2024-05-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z,{rng.choice(NAMES)},eu-west-{rng.randrange(1, 4)},"
               f"{rng.randrange(100, 10**7) / 100:.2f},EUR,{rng.choice(['paid', 'open', 'void'])},\"{note}\"\n")
        rows.append(row)
        total += len(row)
        i += 1
    open(path, "w").write("".join(rows))


def make_json(path):
    records, total, i = [], 0, 0
    while total < size(16):
        record = {
            "id": i, "owner": rng.choice(NAMES), "service": rng.choice(SERVICES),
            "tags": [rng.choice(WORDS) for _ in range(3)],
            "config": {"replicas": rng.randrange(1, 9), "region": f"eu-west-{rng.randrange(1, 4)}",
                       "env": {"LOG_LEVEL": rng.choice(LEVELS), "NOTE": sentence(3, 8)}},
            "description": paragraph(),
        }
        if rng.random() < 0.005:
            record["config"]["env"]["DB_URL"] = fake_secret()
        records.append(record)
        total += len(json.dumps(record)) + 40  # indentation
        i += 1
    open(path, "w").write(json.dumps(records, indent=2))


# Office Open XML.
def make_docx(path):
    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = datetime.datetime(2024, 5, 1)
    d.sections[0].header.paragraphs[0].text = "Operations handbook — internal"
    d.sections[0].footer.paragraphs[0].text = "Confidential. Owner: platform team."
    body = d.element.body
    written = 0
    chapter = 0
    while written < size(18):  # about 18 MB of document.xml
        chapter += 1
        d.add_heading(f"Chapter {chapter}: {sentence(2, 5)}", level=1)
        for _ in range(12):
            text = paragraph()
            if rng.random() < 0.01:
                text += " " + fake_secret()
            p = d.add_paragraph(text[: len(text) // 2])
            p.add_run(text[len(text) // 2 :]).bold = rng.random() < 0.2
            written += len(text) + 400  # runs, properties and namespaces
        table = d.add_table(rows=4, cols=4)
        for row in table.rows:
            for cell in row.cells:
                cell.text = " ".join(rng.choice(WORDS) for _ in range(3))
        written += 16 * 300
    d.save(path)
    normalize_zip(path)


def make_xlsx(path):
    wb = openpyxl.Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 5, 1)
    for sheet_name, rows in [("Summary", size(0.5) // 100), ("Orders", size(8) // 100), ("Hosts", size(3) // 100),
                             ("Credentials", size(1) // 100)]:
        ws = wb.create_sheet(sheet_name)
        ws.append(["id", "owner", "region", "amount", "status", "note", "created", "count"])
        for i in range(rows):
            note = sentence(2, 6)
            if sheet_name == "Credentials" and rng.random() < 0.05:
                note = fake_secret()
            ws.append([i, rng.choice(NAMES), f"eu-west-{rng.randrange(1, 4)}", rng.randrange(100, 10**7) / 100,
                       rng.choice(["paid", "open", "void"]), note, f"2024-05-{1 + i % 28:02d}", rng.randrange(1000)])
    wb.save(path)
    normalize_zip(path)


def make_pptx(path):
    p = Presentation()
    p.core_properties.created = p.core_properties.modified = datetime.datetime(2024, 5, 1)
    for number in range(1, int(400 * args.scale) + 2):
        slide = p.slides.add_slide(p.slide_layouts[1])
        slide.shapes.title.text = f"{number}. {sentence(2, 6)}"
        frame = slide.placeholders[1].text_frame
        frame.text = sentence()
        for _ in range(6):
            frame.add_paragraph().text = sentence()
        box = slide.shapes.add_textbox(Inches(1), Inches(6.5), Inches(8), Inches(0.5))
        box.text_frame.text = f"Owner: {rng.choice(NAMES)}. {sentence(3, 8)}"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
        notes = paragraph() + "\n" + paragraph()
        if rng.random() < 0.05:
            notes += "\n" + fake_secret()
        slide.notes_slide.notes_text_frame.text = notes
    p.save(path)
    normalize_zip(path)


# OpenDocument.
def make_odt(path):
    doc = OpenDocumentText()
    written = 0
    chapter = 0
    while written < size(16):  # content.xml bytes, roughly
        chapter += 1
        doc.text.addElement(H(outlinelevel=1, text=f"Chapter {chapter}: {sentence(2, 5)}"))
        for _ in range(12):
            text = paragraph()
            if rng.random() < 0.01:
                text += " " + fake_secret()
            doc.text.addElement(P(text=text))
            written += len(text) + 30
    doc.save(path)
    normalize_zip(path)


def make_ods(path):
    doc = OpenDocumentSpreadsheet()
    for sheet_name, rows in [("Orders", size(16) // 400), ("Hosts", size(6) // 400), ("Credentials", size(2) // 400)]:
        table = Table(name=sheet_name)
        for i in range(rows):
            row = TableRow()
            note = sentence(2, 6)
            if sheet_name == "Credentials" and rng.random() < 0.05:
                note = fake_secret()
            for value in [str(i), rng.choice(NAMES), f"eu-west-{rng.randrange(1, 4)}", f"{rng.randrange(100, 10**7) / 100:.2f}",
                          rng.choice(["paid", "open", "void"]), note]:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    doc.save(path)
    normalize_zip(path)


# PDF: a printed manual, many pages of text.
def make_pdf(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1, pageCompression=1)
    pages = max(2, int(800 * args.scale))
    for number in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(56, 800, f"Section {number}: {sentence(2, 5)}")
        c.setFont("Helvetica", 9)
        y = 780
        while y > 60:
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 16)))
            if rng.random() < 0.003:
                line = fake_secret()
            c.drawString(56, y, line)
            y -= 11
        c.drawString(280, 30, f"page {number} of {pages}")
        c.showPage()
    c.save()


# Archives.
def text_files(count, each):
    return [(f"logs/{['app', 'worker', 'gateway', 'batch'][i % 4]}-{i:04d}.log", log_text(each).encode()) for i in range(count)]


def make_zip(path):
    write_zip(path, text_files(200, size(16) // 200))


def make_nested_zip(path):
    def level(depth):
        files = text_files(20, size(16) // 80)
        if depth < 3:
            files.append((f"bundle-level{depth + 1}.zip", level(depth + 1)))
        buffer = io.BytesIO()
        write_zip(buffer, files)
        return buffer.getvalue()

    open(path, "wb").write(level(0))  # four levels, 20 files each, 16 MB of text in all


def make_tar_gz(path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in text_files(200, size(16) // 200):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1714564800
            t.addfile(info, io.BytesIO(data))
    open(path, "wb").write(gzip.compress(buffer.getvalue(), mtime=0))


def make_rtf(path):
    parts = [r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman;}{\f1\fswiss Arial;}}"
             r"{\colortbl;\red0\green0\blue0;\red200\green0\blue0;}"
             r"{\*\generator Sift corpus;}{\info{\title Operations notes}{\author platform}}\viewkind4\uc1\pard\f0\fs22 "]
    total = 0
    while total < size(10):
        text = paragraph().replace("\\", "").replace("{", "").replace("}", "")
        words = text.split(" ")
        if len(words) > 6:
            words[2] = r"\b " + words[2] + r"\b0"
            words[4] = words[4] + r" caf\'e9"
            words[5] = words[5] + r" \u8212?"
        if rng.random() < 0.01:
            words.append(fake_secret().replace("\\", ""))
        piece = r"\pard\sa120 " + " ".join(words) + r"\par" + "\n"
        parts.append(piece)
        total += len(piece)
    parts.append("}")
    open(path, "w", encoding="latin-1").write("".join(parts))


for name, make in [
    ("app.log", make_log), ("service-utf16.log", make_utf16), ("orders.csv", make_csv), ("records.json", make_json),
    ("handbook.docx", make_docx), ("workbook.xlsx", make_xlsx), ("deck.pptx", make_pptx),
    ("handbook.odt", make_odt), ("workbook.ods", make_ods), ("manual.pdf", make_pdf),
    ("logs.zip", make_zip), ("nested.zip", make_nested_zip), ("logs.tar.gz", make_tar_gz), ("notes.rtf", make_rtf),
]:
    timed(name, make)
